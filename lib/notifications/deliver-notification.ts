import "server-only";
import { db } from "../db/client";
import { env } from "../env";
import { failpoint } from "../failpoints";
import { log } from "../logger";
import { messageIdFor, sendEmail, SendEmailError } from "./send-email";
import { isEmailType, renderEmailHtml } from "./render-email";

export type DeliverResult =
  | { result: "sent"; messageId: string; resent: boolean; windowMs: number }
  | { result: "skipped"; reason: string }
  /** Another worker holds the claim (it is sending right now): look again when it expires. */
  | { result: "busy"; retryInMs: number };

/**
 * Send one queued Notification, at most once per claim:
 *
 *   pending ──claim──▶ sending (claimedUntil, renewed while SMTP runs) ──accepted──▶ sent
 *
 * The claim is taken in Postgres before SMTP, and the one statement that marks
 * the row sent (and writes the timeline entry) runs the moment the server has
 * accepted the message. A worker killed between the two leaves `sending` with
 * a claim that expires; the next attempt recognises it (counted in
 * `interrupted`) and sends again with the same Message-ID, which receiving
 * systems collapse into one message. So the only possible duplicate is a
 * message accepted in that window, and it carries the same Message-ID.
 */
export async function deliverNotification(notificationId: string, attempt: { final: boolean }): Promise<DeliverResult> {
  const n = await db.notification.findUnique({ where: { id: notificationId } });
  if (!n) return { result: "skipped", reason: "notification not found" };
  if (n.status === "sent" || n.status === "failed") return { result: "skipped", reason: `already ${n.status}` };
  // Everything slow happens before the claim: the claim-to-send window stays short.
  const html = n.html ?? (n.props && isEmailType(n.type) ? renderEmailHtml(n.type, n.props) : undefined);
  const lease = env().JOB_LEASE_MS;

  const claimed = await db.$queryRaw<{ interrupted: number; wasSending: boolean }[]>`
    UPDATE "Notification" AS n SET "status" = 'sending', "claimedUntil" = now() + ${lease} * interval '1 millisecond',
      "attempts" = n."attempts" + 1, "interrupted" = n."interrupted" + (CASE WHEN n."status" = 'sending' THEN 1 ELSE 0 END),
      "html" = COALESCE(n."html", ${html ?? null})
    FROM (SELECT "id", "status" AS prev FROM "Notification" WHERE "id" = ${n.id} FOR UPDATE) AS old
    WHERE n."id" = old."id" AND (n."status" = 'pending' OR (n."status" = 'sending' AND n."claimedUntil" < now()))
    RETURNING n."interrupted", (old.prev = 'sending') AS "wasSending"`;
  if (!claimed[0]) {
    const now = await db.notification.findUnique({ where: { id: n.id }, select: { status: true, claimedUntil: true } });
    if (now?.status === "sending" && now.claimedUntil) return { result: "busy", retryInMs: Math.max(100, now.claimedUntil.getTime() - Date.now() + 50) };
    return { result: "skipped", reason: `already ${now?.status ?? "gone"}` };
  }
  const resent = claimed[0].wasSending;
  const messageId = messageIdFor(n.idempotencyKey);
  if (resent) {
    log.warn("email claim found expired while sending: sending again with the same Message-ID", { notificationId: n.id, messageId });
  }
  failpoint("email.after-claim");

  const heartbeat = setInterval(
    () => {
      void db.$executeRaw`UPDATE "Notification" SET "claimedUntil" = now() + ${lease} * interval '1 millisecond' WHERE "id" = ${n.id} AND "status" = 'sending'`.catch(
        () => undefined,
      );
    },
    Math.max(250, Math.floor(lease / 3)),
  );
  let acceptedAt: number;
  try {
    await sendEmail({ to: n.email, subject: n.subject, html, text: n.body, idempotencyKey: n.idempotencyKey, notificationId: n.id });
    acceptedAt = performance.now();
  } catch (err) {
    clearInterval(heartbeat);
    const permanent = err instanceof SendEmailError && err.permanent;
    const giveUp = permanent || attempt.final;
    const reason = (err as Error).message ?? String(err);
    // The server answered with an error: this attempt did not deliver it.
    if (giveUp) await recordEmailFailed(n.id, reason, { refused: true });
    else await db.notification.update({ where: { id: n.id }, data: { status: "pending", claimedUntil: null, lastError: reason.slice(0, 500) } });
    throw err;
  }
  clearInterval(heartbeat);
  failpoint("email.after-accept");
  // The one statement between the server's acceptance and our record of it.
  await db.$executeRaw`
    WITH n AS (
      UPDATE "Notification" SET "status" = 'sent', "sentAt" = now(), "claimedUntil" = NULL, "lastError" = NULL, "messageId" = ${messageId}
      WHERE "id" = ${n.id} AND "status" = 'sending'
      RETURNING "orderId", "type", "email"
    )
    INSERT INTO "OrderEvent" ("id", "orderId", "type", "source", "message", "createdAt")
    SELECT gen_random_uuid()::text, "orderId", 'email_sent', 'worker', "type" || ' email sent to ' || "email", now() FROM n WHERE "orderId" IS NOT NULL`;
  return { result: "sent", messageId, resent, windowMs: performance.now() - acceptedAt };
}

/**
 * Sending was given up (a permanent SMTP refusal, the attempts used up, or the
 * last attempt's worker died): the notification says failed with the reason,
 * and the order's timeline shows it to ops.
 */
export async function recordEmailFailed(notificationId: string, reason: string, opts: { refused?: boolean } = {}) {
  const n = await db.notification.findUnique({ where: { id: notificationId }, select: { id: true, status: true, orderId: true, type: true, email: true } });
  if (!n || n.status === "sent") return;
  // A claim left "sending" by a worker that died may have reached the server; a refusal did not.
  const mayHaveGone = n.status === "sending" && !opts.refused;
  await db.$transaction([
    db.notification.update({ where: { id: n.id }, data: { status: "failed", claimedUntil: null, lastError: reason.slice(0, 500) } }),
    ...(n.orderId
      ? [
          db.orderEvent.create({
            data: {
              orderId: n.orderId,
              type: "email_failed",
              source: "worker",
              message: `${n.type} email to ${n.email} could not be sent${mayHaveGone ? " (the last attempt may have reached the server)" : ""}: ${reason.slice(0, 300)}`,
            },
          }),
        ]
      : []),
  ]);
  log.error("email given up", { notificationId: n.id, type: n.type, reason: reason.slice(0, 300) });
}
