import "server-only";
import { auditActor, recordAudit } from "../audit/record-audit";
import { db, TX_OPTIONS } from "../db/client";
import { env } from "../env";
import { AppError } from "../errors";
import { requirePermission } from "../auth/permissions";
import type { Principal } from "../auth/principal";
import { queueEmailInTx } from "../notifications/queue-email";
import { dispatchOutbox } from "../queue/outbox";
import { inviteSchema } from "./schemas";
import { newLinkToken } from "./tokens";

/**
 * An owner invites someone into the company with a role: a single-use link, valid
 * INVITE_TTL_HOURS, emailed to them (the token is stored only as its hash). A new invitation
 * to the same address replaces the pending one.
 */
export async function inviteUser(principal: Principal, raw: unknown) {
  requirePermission(principal, "company:manage");
  const input = inviteSchema.parse(raw);
  const companyId = principal.companyId!;
  const taken = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (taken) throw new AppError("conflict", "This email address already has an account", { fields: { email: "Already has an account" } });
  const { plain, hash } = newLinkToken();
  const expiresAt = new Date(Date.now() + env().INVITE_TTL_HOURS * 3600_000);
  const { invite, ref } = await db.$transaction(async (tx) => {
    const company = await tx.company.findUniqueOrThrow({ where: { id: companyId }, select: { name: true } });
    await tx.userToken.updateMany({
      where: { kind: "invite", companyId, email: input.email, usedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const invite = await tx.userToken.create({
      data: { kind: "invite", tokenHash: hash, email: input.email, companyId, role: input.role, createdById: principal.userId, expiresAt },
      select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
    });
    await recordAudit(tx, {
      actor: auditActor(principal),
      action: "user.invited",
      entityType: "invitation",
      entityId: invite.id,
      companyId,
      after: { email: invite.email, role: invite.role, expiresAt: invite.expiresAt },
    });
    const ref = await queueEmailInTx(tx, {
      type: "account_invite",
      email: input.email,
      idempotencyKey: `invite:${invite.id}`,
      props: {
        appUrl: env().APP_URL,
        companyName: company.name,
        invitedBy: principal.name,
        role: input.role,
        acceptUrl: `${env().APP_URL.replace(/\/+$/, "")}/invite/${plain}`,
        expiresAt: expiresAt.toISOString(),
      },
    });
    return { invite, ref };
  }, TX_OPTIONS);
  if (ref) await dispatchOutbox([ref]);
  return { ...invite, status: "pending" as const };
}

export async function revokeInvite(principal: Principal, inviteId: string) {
  requirePermission(principal, "company:manage");
  await db.$transaction(async (tx) => {
    const [r] = await tx.userToken.updateManyAndReturn({
      where: { id: inviteId, kind: "invite", companyId: principal.companyId!, usedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
      select: { email: true, role: true },
    });
    if (!r) throw new AppError("not_found", "No pending invitation with this id");
    await recordAudit(tx, {
      actor: auditActor(principal),
      action: "user.invitation_revoked",
      entityType: "invitation",
      entityId: inviteId,
      companyId: principal.companyId,
      before: { email: r.email, role: r.role, status: "pending" },
      after: { email: r.email, role: r.role, status: "revoked" },
    });
  }, TX_OPTIONS);
  return { id: inviteId, status: "revoked" as const };
}
