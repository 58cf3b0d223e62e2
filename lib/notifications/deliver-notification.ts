import "server-only";
import { db, Prisma } from "../db/client";
import { env } from "../env";
import { failpoint } from "../failpoints";
import { log } from "../logger";
import { coalesce, type BatchResult } from "../coalesce";
import { jobs } from "../queue/jobs";
import { messageIdFor, sendEmail, SendEmailError } from "./send-email";
import { renderEmailHtmls } from "./render-email";

type ClaimRow = {
  id: string;
  status: string;
  claimedUntil: Date | null;
  claimed: boolean;
  idempotencyKey: string | null;
  type: string | null;
  email: string | null;
  subject: string | null;
  body: string | null;
  html: string | null;
  props: unknown;
  wasSending: boolean;
};
type Claimed = ClaimRow & { idempotencyKey: string; type: string; email: string; subject: string; body: string };

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
  const [r] = await deliverNotifications([{ notificationId, final: attempt.final }]);
  if (!r!.ok) throw r!.error;
  return r!.value;
}

/** The worker's way in: emails that start at the same time are claimed and marked sent together. */
export const deliverCoalesced = coalesce<{ notificationId: string; final: boolean }, DeliverResult>(deliverNotifications, { maxBatch: 64, maxInFlight: 4 });

/**
 * Several notifications at once, each by the rules above: read in one query,
 * claimed in one statement, sent concurrently over the pooled SMTP transport,
 * and the accepted ones marked sent (with their timeline entries) in one
 * statement the moment the last of them is accepted.
 */
export async function deliverNotifications(items: { notificationId: string; final: boolean }[]): Promise<BatchResult<DeliverResult>[]> {
  const lease = env().JOB_LEASE_MS;
  const ids = [...new Set(items.map((i) => i.notificationId))];
  // Read and claim in one statement: the rows are locked in id order, the ones that may be sent
  // (pending, or a claim that expired while sending) are claimed, and every row comes back with
  // its state as locked (another worker's claim, already sent…). The HTML is rendered after the
  // claim (a millisecond) and stored with the row when the server has accepted the message.
  const rows = await db.$queryRaw<ClaimRow[]>`
    WITH old AS (
      SELECT "id", "status" AS prev, "claimedUntil" AS until FROM "Notification" WHERE "id" = ANY(${ids}::text[]) ORDER BY "id" FOR UPDATE
    ), c AS (
      UPDATE "Notification" AS n SET "status" = 'sending', "claimedUntil" = now() + ${lease} * interval '1 millisecond',
        "attempts" = n."attempts" + 1, "interrupted" = n."interrupted" + (CASE WHEN n."status" = 'sending' THEN 1 ELSE 0 END)
      FROM old WHERE n."id" = old."id" AND (old.prev = 'pending' OR (old.prev = 'sending' AND old.until < now()))
      RETURNING n."id", n."idempotencyKey", n."type", n."email", n."subject", n."body", n."html", n."props", (old.prev = 'sending') AS "wasSending"
    )
    SELECT old."id", old.prev AS "status", old.until AS "claimedUntil", (c."id" IS NOT NULL) AS "claimed",
           c."idempotencyKey", c."type", c."email", c."subject", c."body", c."html", c."props", COALESCE(c."wasSending", false) AS "wasSending"
    FROM old LEFT JOIN c ON c."id" = old."id"`;
  const byId = new Map(rows.map((n) => [n.id, n]));
  const out: BatchResult<DeliverResult>[] = new Array(items.length);
  const first = new Map<string, number>(); // the one item of this batch that sends each notification
  items.forEach((it, i) => {
    const n = byId.get(it.notificationId);
    if (!n) out[i] = { ok: true, value: { result: "skipped", reason: "notification not found" } };
    else if (first.has(n.id)) out[i] = { ok: true, value: { result: "busy", retryInMs: lease + 50 } };
    else if (n.claimed) first.set(n.id, i);
    else if (n.status === "sending" && n.claimedUntil)
      out[i] = { ok: true, value: { result: "busy", retryInMs: Math.max(100, n.claimedUntil.getTime() - Date.now() + 50) } };
    else out[i] = { ok: true, value: { result: "skipped", reason: `already ${n.status}` } };
  });
  const mine = new Map([...first.keys()].map((id) => [id, byId.get(id) as Claimed]));
  if (mine.size === 0) return out;
  for (const c of mine.values()) {
    if (c.wasSending)
      log.warn("email claim found expired while sending: sending again with the same Message-ID", {
        notificationId: c.id,
        messageId: messageIdFor(c.idempotencyKey),
      });
  }
  failpoint("email.after-claim");
  // Rendered once per template and event: the emails of one event differ only in the greeting.
  const toRender = [...mine.values()].filter((n) => n.html === null);
  const rendered = renderEmailHtmls(toRender.map((n) => ({ type: n.type, props: n.props })));
  const html = new Map([...mine.values()].map((n) => [n.id, n.html]));
  toRender.forEach((n, k) => html.set(n.id, rendered[k] ?? null));

  const sendingIds = [...mine.keys()];
  const heartbeat = setInterval(
    () => {
      void db.$executeRaw`UPDATE "Notification" SET "claimedUntil" = now() + ${lease} * interval '1 millisecond' WHERE "id" = ANY(${sendingIds}::text[]) AND "status" = 'sending'`.catch(
        () => undefined,
      );
    },
    Math.max(250, Math.floor(lease / 3)),
  );
  try {
    await Promise.all(
      sendingIds.map(async (id) => {
        const n = mine.get(id)!;
        const i = first.get(id)!;
        const messageId = messageIdFor(n.idempotencyKey);
        let acceptedAt: number;
        try {
          await sendEmail({
            to: n.email,
            subject: n.subject,
            html: html.get(id) ?? undefined,
            text: n.body,
            idempotencyKey: n.idempotencyKey,
            notificationId: n.id,
          });
          acceptedAt = performance.now();
        } catch (err) {
          const permanent = err instanceof SendEmailError && err.permanent;
          const giveUp = permanent || items[i]!.final;
          const reason = (err as Error).message ?? String(err);
          // The server answered with an error: this attempt did not deliver it.
          try {
            if (giveUp) await recordEmailFailed(n.id, reason, { refused: true });
            else await db.notification.update({ where: { id: n.id }, data: { status: "pending", claimedUntil: null, lastError: reason.slice(0, 500) } });
          } finally {
            out[i] = { ok: false, error: err };
          }
          return;
        }
        failpoint("email.after-accept");
        try {
          // The one statement between the server's acceptance and our record of it (shared with
          // the other messages accepted at the same moment). If it fails, the claim expires and
          // the retry sends again with the same Message-ID.
          await markSent({ id, messageId, html: n.html === null ? (html.get(id) ?? null) : null });
          out[i] = { ok: true, value: { result: "sent", messageId, resent: n.wasSending, windowMs: performance.now() - acceptedAt } };
        } catch (error) {
          out[i] = { ok: false, error };
        }
      }),
    );
  } finally {
    clearInterval(heartbeat);
  }
  return out;
}

/**
 * Emails that carry a single-use sign-in link (an invitation, a password reset): the link is the
 * secret, so once the message went out (or was given up) the row keeps no copy of it; the
 * token's hash in UserToken is all that remains.
 */
const LINK_EMAILS = ["account_invite", "password_reset"];
const LINK_REDACTED = "(a single-use link was sent; it is not kept)";

/**
 * The accepted messages, in one statement: each notification says sent (with its Message-ID and
 * the HTML that went out), its timeline entry is written, and its email job's outbox row is
 * finished (the job is done the moment the server accepted the message; the worker does not
 * complete it again). One at a time: the marks that arrive while one runs go in the next, so under
 * load a statement carries a handful of messages instead of ~3 (two in flight halved the batches
 * and cost the worker ~15 % more CPU per order; the acceptance → mark window stayed ~6 ms p50).
 */
const markSent = coalesce<{ id: string; messageId: string; html: string | null }, void>(
  async (sent) => {
    await db.$executeRaw`
      WITH v AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(sent)}::jsonb) AS v("id" text, "messageId" text, "html" text)),
      n AS (
        UPDATE "Notification" AS n SET "status" = 'sent', "sentAt" = now(), "claimedUntil" = NULL, "lastError" = NULL, "messageId" = v."messageId",
          -- A sign-in link is not kept once it went out (what it said stays: type, address, subject).
          "html" = CASE WHEN n."type" = ANY(${LINK_EMAILS}::text[]) THEN NULL ELSE COALESCE(n."html", v."html") END,
          "body" = CASE WHEN n."type" = ANY(${LINK_EMAILS}::text[]) THEN ${LINK_REDACTED} ELSE n."body" END,
          "props" = CASE WHEN n."type" = ANY(${LINK_EMAILS}::text[]) THEN NULL ELSE n."props" END
        FROM v WHERE n."id" = v."id" AND n."status" = 'sending'
        RETURNING n."orderId", n."type", n."email"
      ),
      done AS (
        UPDATE "OutboxMessage" SET "status" = 'done', "completedAt" = now(), "claimedUntil" = NULL
        WHERE "subject" = ANY(${sent.map((m) => jobs.sendEmail.subject({ notificationId: m.id }))}::text[]) AND "status" = 'open'
      )
      INSERT INTO "OrderEvent" ("id", "orderId", "type", "source", "message", "createdAt")
      SELECT gen_random_uuid()::text, "orderId", 'email_sent', 'worker', "type" || ' email sent to ' || "email", now() FROM n WHERE "orderId" IS NOT NULL`;
    return sent.map(() => ({ ok: true, value: undefined }));
  },
  { maxBatch: 200, maxInFlight: 1 },
);

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
    db.notification.update({
      where: { id: n.id },
      data: {
        status: "failed",
        claimedUntil: null,
        lastError: reason.slice(0, 500),
        ...(LINK_EMAILS.includes(n.type) ? { body: LINK_REDACTED, html: null, props: Prisma.DbNull } : {}),
      },
    }),
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
