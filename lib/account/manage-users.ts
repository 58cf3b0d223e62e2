import "server-only";
import { auditActor, recordAudit, type AuditActor } from "../audit/record-audit";
import { db, TX_OPTIONS } from "../db/client";
import { AppError } from "../errors";
import { requirePermission } from "../auth/permissions";
import type { Principal } from "../auth/principal";
import { endSessions } from "../auth/sessions";
import { updateUserSchema } from "./schemas";
import type { CompanyRole } from "../db/generated/enums";

/** What a company user's row is read as, and how the API shows it (owners' and ops' views alike). */
export const USER_SELECT = { id: true, email: true, name: true, companyRole: true, deactivatedAt: true, createdAt: true } as const;
export function companyUserView(u: { id: string; email: string; name: string; companyRole: CompanyRole | null; deactivatedAt: Date | null; createdAt: Date }) {
  return { id: u.id, email: u.email, name: u.name, role: u.companyRole, active: !u.deactivatedAt, deactivatedAt: u.deactivatedAt, createdAt: u.createdAt };
}

/** The company's users and its pending invitations (owners manage them; the list is for owners). */
export async function listCompanyUsers(principal: Principal) {
  requirePermission(principal, "company:manage");
  const companyId = principal.companyId!;
  const [users, invites] = await Promise.all([
    db.user.findMany({
      where: { companyId },
      orderBy: [{ deactivatedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
      select: USER_SELECT,
    }),
    db.userToken.findMany({
      where: { kind: "invite", companyId, usedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
      select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
    }),
  ]);
  return {
    users: users.map(companyUserView),
    invitations: invites.map((i) => ({ ...i, status: "pending" as const })),
  };
}

/**
 * Change a user's role or (de)activate them. The company always keeps an active owner: the
 * company's owner rows are locked first, so two owners demoting each other at once cannot both
 * succeed. A deactivated user's sessions end at once; a role change applies within a second.
 */
export async function updateCompanyUser(principal: Principal, userId: string, raw: unknown) {
  requirePermission(principal, "company:manage");
  return changeCompanyUser(principal.companyId!, userId, raw, auditActor(principal));
}

/** The change itself, for a company's owner or for ops (lib/account/ops-companies.ts): the same rules. */
export async function changeCompanyUser(companyId: string, userId: string, raw: unknown, actor: AuditActor = "system") {
  const input = updateUserSchema.parse(raw);
  const updated = await db.$transaction(async (tx) => {
    const owners = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "User" WHERE "companyId" = ${companyId} AND "companyRole" = 'owner' AND "deactivatedAt" IS NULL ORDER BY "id" FOR UPDATE`;
    const user = await tx.user.findFirst({ where: { id: userId, companyId }, select: { id: true, email: true, companyRole: true, deactivatedAt: true } });
    if (!user) throw new AppError("not_found", "No user with this id in your company");
    const staysOwner = (input.role ?? user.companyRole) === "owner" && (input.active ?? !user.deactivatedAt);
    if (owners.some((o) => o.id === user.id) && !staysOwner && owners.length === 1) {
      throw new AppError("conflict", "The company must keep at least one active owner: make someone else an owner first", {
        fields: { [input.role !== undefined ? "role" : "active"]: "Last active owner" },
      });
    }
    const after = await tx.user.update({
      where: { id: user.id },
      data: {
        ...(input.role !== undefined ? { companyRole: input.role } : {}),
        ...(input.active !== undefined ? { deactivatedAt: input.active ? null : (user.deactivatedAt ?? new Date()) } : {}),
      },
      select: USER_SELECT,
    });
    const roleChanged = after.companyRole !== user.companyRole;
    const activeChanged = !after.deactivatedAt !== !user.deactivatedAt;
    if (roleChanged || activeChanged) {
      await recordAudit(tx, {
        actor,
        action: roleChanged ? "user.role_changed" : after.deactivatedAt ? "user.deactivated" : "user.reactivated",
        entityType: "user",
        entityId: user.id,
        companyId,
        before: { email: user.email, role: user.companyRole, active: !user.deactivatedAt },
        after: { email: after.email, role: after.companyRole, active: !after.deactivatedAt },
      });
    }
    return after;
  }, TX_OPTIONS);
  if (updated.deactivatedAt) await endSessions(updated.id);
  return companyUserView(updated);
}
