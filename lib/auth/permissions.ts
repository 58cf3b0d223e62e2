import { AppError } from "../errors";
import { isStaff, type Principal } from "./principal";
import type { CompanyRole } from "../db/generated/enums";

/** What an API key may be allowed to do; a key carries a subset, chosen when it is created. */
export const API_SCOPES = ["orders:write", "orders:read", "catalog:read", "webhooks:manage"] as const;
export type ApiScope = (typeof API_SCOPES)[number];
/** The scopes plus what only a signed-in owner does: users, keys and company settings. */
export type Permission = ApiScope | "company:manage";

export const COMPANY_ROLES = ["owner", "buyer", "viewer"] as const satisfies readonly CompanyRole[];

const ROLE_PERMISSIONS: Record<CompanyRole, readonly Permission[]> = {
  owner: [...API_SCOPES, "company:manage"],
  buyer: ["orders:write", "orders:read", "catalog:read"],
  viewer: ["orders:read", "catalog:read"],
};
/**
 * Staff on the reseller routes: every company's orders (and cancelling one) and the catalog; placing
 * an order needs a company (place-order.ts says so), and their own work is on /api/ops.
 */
const STAFF_PERMISSIONS: readonly Permission[] = ["orders:read", "orders:write", "catalog:read"];

export const isApiScope = (s: string): s is ApiScope => (API_SCOPES as readonly string[]).includes(s);

/** What this caller may do: a key by its scopes, a user by its role. */
export function permissionsOf(p: Principal): ReadonlySet<Permission> {
  if (isStaff(p)) return new Set(STAFF_PERMISSIONS);
  if (p.kind === "api_key") return new Set((p.scopes ?? []).filter(isApiScope));
  return new Set(p.companyRole ? ROLE_PERMISSIONS[p.companyRole] : []);
}

export const can = (p: Principal, permission: Permission) => permissionsOf(p).has(permission);

/** 403 unless the caller holds the permission, saying which it lacks (never what others can do). */
export function requirePermission(p: Principal, permission: Permission): void {
  if (can(p, permission)) return;
  if (p.kind === "api_key") {
    throw new AppError(
      "forbidden",
      permission === "company:manage"
        ? "Users, API keys and company settings are managed by a signed-in owner"
        : `This API key lacks the '${permission}' scope`,
    );
  }
  if (isStaff(p)) throw new AppError("forbidden", "This is for reseller accounts");
  throw new AppError("forbidden", `Your role (${p.companyRole ?? "none"}) does not allow this: it needs '${permission}'`);
}
