import "server-only";
import { db, TX_OPTIONS } from "../db/client";
import { env } from "../env";
import { AppError } from "../errors";
import { log } from "../logger";
import { hashPassword, verifyPassword } from "../auth/password";
import type { Principal } from "../auth/principal";
import { endSessions } from "../auth/sessions";
import { hitRateLimit } from "../api/rate-limit";
import { queueEmailInTx } from "../notifications/queue-email";
import { dispatchOutbox } from "../queue/outbox";
import { changePasswordSchema, forgotPasswordSchema, resetPasswordSchema } from "./schemas";
import { hashLinkToken, looksLikeLinkToken, newLinkToken } from "./tokens";

/** A signed-in user changes their password: the other sessions end, this one goes on. */
export async function changePassword(principal: Principal, raw: unknown) {
  if (principal.kind !== "session") throw new AppError("forbidden", "Sign in to change your password");
  const input = changePasswordSchema.parse(raw);
  const user = await db.user.findUniqueOrThrow({ where: { id: principal.userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError("validation_failed", "The current password is not right", { fields: { currentPassword: "Not your current password" } });
  }
  await db.user.update({ where: { id: principal.userId }, data: { passwordHash: await hashPassword(input.newPassword) } });
  const ended = await endSessions(principal.userId, { except: principal.sessionId });
  return { changed: true, otherSessionsEnded: ended };
}

/**
 * Ask for a reset link. The answer is the same whether the address has an account or not; an
 * active account gets an email with a single-use link valid PASSWORD_RESET_TTL_MINUTES. At most
 * 5 links per address an hour (quietly: the answer stays the same).
 */
export async function requestPasswordReset(raw: unknown): Promise<void> {
  const { email } = forgotPasswordSchema.parse(raw);
  if ((await hitRateLimit(`reset:${hashLinkToken(email).slice(0, 32)}`, 5, 3600)) > 0) return;
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, deactivatedAt: true } });
  if (!user || user.deactivatedAt) return;
  const { plain, hash } = newLinkToken();
  const expiresAt = new Date(Date.now() + env().PASSWORD_RESET_TTL_MINUTES * 60_000);
  const ref = await db.$transaction(async (tx) => {
    // One live link at a time: a new request replaces the previous one.
    await tx.userToken.updateMany({ where: { kind: "reset", userId: user.id, usedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    const t = await tx.userToken.create({ data: { kind: "reset", tokenHash: hash, email, userId: user.id, expiresAt }, select: { id: true } });
    return queueEmailInTx(tx, {
      type: "password_reset",
      email,
      userId: user.id,
      idempotencyKey: `reset:${t.id}`,
      props: {
        appUrl: env().APP_URL,
        recipientName: user.name,
        resetUrl: `${env().APP_URL.replace(/\/+$/, "")}/reset-password/${plain}`,
        expiresAt: expiresAt.toISOString(),
      },
    });
  }, TX_OPTIONS);
  if (ref) await dispatchOutbox([ref]);
  log.info("password reset link queued", { userId: user.id });
}

/** Set a new password with a reset link: the link is spent, and every session of the user ends. */
export async function resetPassword(raw: unknown) {
  const input = resetPasswordSchema.parse(raw);
  const gone = new AppError("not_found", "This reset link is not valid: it was used, replaced or has expired. Ask for a new one.");
  if (!looksLikeLinkToken(input.token)) throw gone;
  const passwordHash = await hashPassword(input.password);
  const userId = await db.$transaction(async (tx) => {
    const [t] = await tx.$queryRaw<{ userId: string }[]>`
      UPDATE "UserToken" SET "usedAt" = now()
       WHERE "tokenHash" = ${hashLinkToken(input.token)} AND "kind" = 'reset' AND "usedAt" IS NULL AND "revokedAt" IS NULL AND "expiresAt" > now()
      RETURNING "userId"`;
    if (!t) throw gone;
    const u = await tx.user.updateMany({ where: { id: t.userId, deactivatedAt: null }, data: { passwordHash } });
    if (u.count === 0) throw gone;
    return t.userId;
  }, TX_OPTIONS);
  await endSessions(userId);
  return { reset: true };
}
