import "server-only";
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import { redirect } from "next/navigation";
import { env } from "../env";
import { authOptions } from "./options";
import { isStaff, type Principal } from "./principal";
import { principalFromSession } from "./sessions";

/**
 * The signed-in user, or null: from the request's session cookie when given one (API routes),
 * else from Next's request context (pages). The JWT only names the session; the session row
 * and the user's row decide (ended, deactivated, role changed: within a second).
 */
export async function getSessionPrincipal(req?: Request): Promise<Principal | null> {
  let sid: unknown;
  if (req) {
    const cookies = new Map<string, string>();
    for (const part of (req.headers.get("cookie") ?? "").split(";")) {
      const eq = part.indexOf("=");
      if (eq <= 0) continue;
      const raw = part.slice(eq + 1).trim();
      // A cookie that is not valid percent-encoding is kept as sent (and then simply fails to decode as a JWT).
      let value = raw;
      try {
        value = decodeURIComponent(raw);
      } catch {
        /* as sent */
      }
      cookies.set(part.slice(0, eq).trim(), value);
    }
    const token = await getToken({
      req: { cookies, headers: new Headers() } as never,
      secret: env().AUTH_SECRET,
      secureCookie: env().SECURE_COOKIES,
    });
    sid = token?.sid;
  } else {
    const session = await getServerSession(authOptions());
    sid = (session?.user as { sid?: unknown } | undefined)?.sid;
  }
  return typeof sid === "string" ? principalFromSession(sid) : null;
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
