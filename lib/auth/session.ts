import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./options";
import { isStaff, type Principal } from "./principal";
import type { Role } from "../db/generated/enums";

/** The signed-in user, or null. */
export async function getSessionPrincipal(): Promise<Principal | null> {
  const session = await getServerSession(authOptions());
  const u = session?.user as { id?: string; email?: string; name?: string; role?: Role; companyId?: string | null } | undefined;
  if (!u?.id || !u.role || !u.email) return null;
  return { kind: "session", userId: u.id, email: u.email, name: u.name ?? u.email, role: u.role, companyId: u.companyId ?? null };
}

/** For pages: the signed-in user, or a redirect to the login page. */
export async function requireUser(next = "/"): Promise<Principal> {
  const p = await getSessionPrincipal();
  if (!p) redirect(`/login?callbackUrl=${encodeURIComponent(next)}`);
  return p;
}

/** For ops pages: staff only; resellers are sent to their own orders. */
export async function requireStaff(next = "/ops/orders"): Promise<Principal> {
  const p = await requireUser(next);
  if (!isStaff(p)) redirect("/orders?denied=ops");
  return p;
}
