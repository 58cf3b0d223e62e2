import type { CompanyRole, Role } from "../db/generated/enums";

/** Who is calling: a signed-in user or a reseller API key. */
export type Principal = {
  kind: "session" | "api_key";
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** null for ops/admin users without a company. */
  companyId: string | null;
  /** A reseller user's role in its company (the key's creator's, for an API key); null for staff. */
  companyRole?: CompanyRole | null;
  apiKeyId?: string;
  /** An API key's scopes (lib/auth/permissions.ts); a session's come from its role. */
  scopes?: readonly string[];
  /** The signed-in session (UserSession id). */
  sessionId?: string;
};

export const isStaff = (p: Pick<Principal, "role">) => p.role === "ops" || p.role === "admin";

/** The company filter a principal's reads get: staff see everything. */
export function companyScope(p: Principal): { companyId?: string } {
  if (isStaff(p)) return {};
  return { companyId: p.companyId ?? "__none__" };
}
