import "server-only";
import { db } from "../db/client";
import { permissionsOf } from "../auth/permissions";
import type { Principal } from "../auth/principal";

/** The caller as the API sees it: no supplier, no secret. */
export async function describeAccount(principal: Principal) {
  const company = principal.companyId
    ? await db.company.findUnique({ where: { id: principal.companyId }, select: { id: true, name: true, tier: true } })
    : null;
  return {
    user: { id: principal.userId, email: principal.email, name: principal.name, role: principal.companyRole ?? principal.role },
    company,
    via: principal.kind === "api_key" ? "api_key" : "session",
    permissions: [...permissionsOf(principal)].sort(),
  };
}
