import "server-only";
import { randomUUID } from "node:crypto";
import { db, TX_OPTIONS, type Tx } from "../db/client";
import { env } from "../env";
import { queueEmailInTx } from "../notifications/queue-email";
import { dispatchOutbox, type OutboxRef } from "../queue/outbox";
import { decryptSecret } from "../crypto/credentials";
import { log } from "../logger";
import { orderSelect, serializeOrder } from "../orders/serialize-order";
import { offerInclude, serializeOffer } from "../offers/offer-dto";
import { DELIVERY_TIMEOUT_MS, DISABLE_AFTER_MS, nextRetryDelayMs } from "./events";
import { signDelivery } from "./sign";
import { refuseUrl } from "./ssrf";

/** A claimed delivery is not taken by another worker for this long (longer than an attempt can last). */
const LEASE_MS = DELIVERY_TIMEOUT_MS * 3;
const EXCERPT = 500;

type Claimed = {
  id: string;
  endpointId: string;
  eventType: string;
  orderId: string | null;
  offerId: string | null;
  sequence: bigint;
  payload: string | null;
  attempts: number;
  createdAt: Date;
};
type Outcome = { id: string; attempt: number; statusCode: number | null; latencyMs: number; excerpt: string | null; error: string | null };

/**
 * One pass: claim the due deliveries (pending, due, endpoint enabled; SKIP LOCKED, so workers
 * share them), freeze each one's body at its first attempt (every retry sends the same bytes),
 * sign and POST them concurrently, then record every attempt and each outcome in two statements:
 * 2xx delivered; 410 Gone failed and the endpoint disabled; anything else (a timeout, a refused
 * connection, a 5xx) tried again on the published schedule (events.ts), failed after the last.
 * `now` is the clock (a test's fake one); every time written comes from it.
 */
export async function deliverDueWebhooks(opts: { now?: Date; limit?: number } = {}) {
  const now = opts.now ?? new Date();
  const limit = opts.limit ?? 50;
  const claimed = await db.$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT m."id" FROM "WebhookMessage" m JOIN "WebhookEndpoint" e ON e."id" = m."endpointId"
       WHERE m."status" = 'pending' AND m."nextAttemptAt" <= ${now} AND e."disabledAt" IS NULL
       ORDER BY m."nextAttemptAt", m."sequence" LIMIT ${limit} FOR UPDATE OF m SKIP LOCKED
    )
    UPDATE "WebhookMessage" m SET "attempts" = m."attempts" + 1, "nextAttemptAt" = ${new Date(now.getTime() + LEASE_MS)}
      FROM due WHERE m."id" = due."id"
    RETURNING m."id", m."endpointId", m."eventType", m."orderId", m."offerId", m."sequence", m."payload", m."attempts", m."createdAt"`;
  if (claimed.length === 0) return { attempted: 0, delivered: 0, retrying: 0, failed: 0 };

  const endpoints = new Map(
    (
      await db.webhookEndpoint.findMany({
        where: { id: { in: [...new Set(claimed.map((c) => c.endpointId))] } },
        select: { id: true, url: true, secret: true, previousSecret: true, previousSecretUntil: true },
      })
    ).map((e) => [e.id, e]),
  );
  await freezePayloads(claimed);

  const outcomes = await Promise.all(
    claimed.map(async (m): Promise<Outcome> => {
      const e = endpoints.get(m.endpointId)!;
      const body = m.payload!;
      const secrets = [
        decryptSecret(e.secret),
        ...(e.previousSecret && e.previousSecretUntil && e.previousSecretUntil > now ? [decryptSecret(e.previousSecret)] : []),
      ];
      const t0 = performance.now();
      const refused = await refuseUrl(e.url);
      if (refused) return { id: m.id, attempt: m.attempts, statusCode: null, latencyMs: 0, excerpt: null, error: `not sent: ${refused}` };
      try {
        const res = await fetch(e.url, {
          method: "POST",
          redirect: "manual",
          signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
          headers: { "content-type": "application/json", "user-agent": "PhonePortal-Webhooks/1.0", ...signDelivery(m.id, new Date(), body, secrets) },
          body,
        });
        const text = await res.text().catch(() => "");
        return {
          id: m.id,
          attempt: m.attempts,
          statusCode: res.status,
          latencyMs: Math.round(performance.now() - t0),
          excerpt: text.slice(0, EXCERPT),
          error: null,
        };
      } catch (err) {
        const name = (err as Error)?.name;
        const error =
          name === "TimeoutError"
            ? `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s`
            : String((err as Error)?.cause ?? (err as Error)?.message ?? err).slice(0, 300);
        return { id: m.id, attempt: m.attempts, statusCode: null, latencyMs: Math.round(performance.now() - t0), excerpt: null, error };
      }
    }),
  );
  return record(claimed, outcomes, now);
}

/**
 * The body each delivery sends, built once: the order (or offer) as its reseller sees it (no
 * sourcing, no costs) at the event.
 */
async function freezePayloads(claimed: Claimed[]) {
  const missing = claimed.filter((m) => m.payload === null);
  if (missing.length === 0) return;
  const orderIds = [...new Set(missing.map((m) => m.orderId).filter((id): id is string => !!id))];
  const offerIds = [...new Set(missing.map((m) => m.offerId).filter((id): id is string => !!id))];
  const [orderRows, offerRows] = await Promise.all([
    orderIds.length ? db.order.findMany({ where: { id: { in: orderIds } }, select: orderSelect }) : [],
    offerIds.length ? db.offer.findMany({ where: { id: { in: offerIds } }, include: offerInclude }) : [],
  ]);
  const orders = new Map(orderRows.map((o) => [o.id, serializeOrder(o, { staff: false })]));
  const offers = new Map(offerRows.map((o) => [o.id, serializeOffer(o)]));
  for (const m of missing) {
    if (m.offerId) {
      const offer = offers.get(m.offerId);
      m.payload = JSON.stringify({
        type: m.eventType,
        timestamp: m.createdAt.toISOString(),
        data: offer
          ? { sequence: Number(m.sequence), offerId: offer.id, number: offer.number, status: offer.status, offer }
          : { sequence: Number(m.sequence), offerId: m.offerId, deleted: true },
      });
      continue;
    }
    const order = m.orderId ? orders.get(m.orderId) : undefined;
    m.payload = JSON.stringify({
      type: m.eventType,
      timestamp: m.createdAt.toISOString(),
      data: order
        ? { sequence: Number(m.sequence), orderId: order.id, number: order.number, reference: order.reference, status: order.status, order }
        : { sequence: Number(m.sequence), orderId: m.orderId, deleted: true },
    });
  }
  await db.$executeRaw`
    UPDATE "WebhookMessage" m SET "payload" = v."payload"
      FROM jsonb_to_recordset(${JSON.stringify(missing.map((m) => ({ id: m.id, payload: m.payload })))}::jsonb) AS v("id" text, "payload" text)
     WHERE m."id" = v."id" AND m."payload" IS NULL`;
}

async function record(claimed: Claimed[], outcomes: Outcome[], now: Date) {
  const byId = new Map(claimed.map((c) => [c.id, c]));
  const rows = outcomes.map((o) => {
    const ok = o.statusCode !== null && o.statusCode >= 200 && o.statusCode < 300;
    const gone = o.statusCode === 410;
    const delay = ok || gone ? null : nextRetryDelayMs(o.attempt);
    const status = ok ? "delivered" : gone || delay === null ? "failed" : "pending";
    return {
      ...o,
      endpointId: byId.get(o.id)!.endpointId,
      ok,
      gone,
      status,
      nextAttemptAt: new Date(now.getTime() + (delay ?? 0)).toISOString(),
      lastError: ok ? null : (o.error ?? `answered ${o.statusCode}`),
    };
  });
  // Attempts, outcomes, the endpoints' streaks and the emails to owners of an endpoint this
  // disabled: one transaction, so a disable is never without its email.
  const refs = await db.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "WebhookAttempt" ("id", "messageId", "attempt", "at", "statusCode", "latencyMs", "responseExcerpt", "error")
      SELECT gen_random_uuid()::text, v."id", v."attempt", ${now}, v."statusCode", v."latencyMs", v."excerpt", v."error"
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v("id" text, "attempt" int, "statusCode" int, "latencyMs" int, "excerpt" text, "error" text)`;
    await tx.$executeRaw`
      UPDATE "WebhookMessage" m SET "status" = v."status", "nextAttemptAt" = v."nextAttemptAt", "lastStatusCode" = v."statusCode",
             "lastError" = v."lastError", "deliveredAt" = CASE WHEN v."ok" THEN ${now}::timestamp(3) ELSE NULL END
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v("id" text, "status" text, "nextAttemptAt" timestamp(3), "statusCode" int, "lastError" text, "ok" boolean)
       WHERE m."id" = v."id"`;
    // The endpoint's streak: a success ends it, a failure starts it; 410 or five days of failing disable it.
    const disabled = await tx.$queryRaw<{ id: string; url: string; companyId: string; disabledReason: string; disabledAt: Date | null; off: boolean }[]>`
      WITH v AS (
        SELECT "endpointId", bool_or("ok") AS ok, bool_or("gone") AS gone
          FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x("endpointId" text, "ok" boolean, "gone" boolean) GROUP BY "endpointId"
      )
      UPDATE "WebhookEndpoint" e SET
        "failingSince" = CASE WHEN v.ok THEN NULL ELSE COALESCE(e."failingSince", ${now}::timestamp(3)) END,
        "disabledAt" = CASE WHEN v.gone OR (NOT v.ok AND e."failingSince" <= ${new Date(now.getTime() - DISABLE_AFTER_MS)}::timestamp(3)) THEN ${now}::timestamp(3) ELSE e."disabledAt" END,
        "disabledReason" = CASE WHEN v.gone THEN 'the endpoint answered 410 Gone'
                                WHEN NOT v.ok AND e."failingSince" <= ${new Date(now.getTime() - DISABLE_AFTER_MS)}::timestamp(3) THEN 'every delivery failed for 5 days'
                                ELSE e."disabledReason" END,
        "updatedAt" = ${now}::timestamp(3)
        FROM v WHERE e."id" = v."endpointId" AND e."disabledAt" IS NULL
      RETURNING e."id", e."url", e."companyId", e."disabledReason", e."disabledAt", (e."disabledAt" IS NOT NULL) AS "off"`;
    const justDisabled = disabled.filter((d) => d.off);
    return justDisabled.length ? tellOwnersInTx(tx, justDisabled) : [];
  }, TX_OPTIONS);
  if (refs.length) {
    await dispatchOutbox(refs);
    log.warn("webhook endpoints disabled; owners told", { emails: refs.length });
  }
  const delivered = rows.filter((r) => r.ok).length;
  const failed = rows.filter((r) => r.status === "failed").length;
  if (failed) log.warn("webhook deliveries given up", { failed });
  return { attempted: rows.length, delivered, retrying: rows.length - delivered - failed, failed };
}

/**
 * An endpoint was disabled (410, or five days of failures): each active owner of its company gets
 * one email, keyed by the endpoint and the moment it was disabled (a second pass sends nothing).
 */
async function tellOwnersInTx(tx: Tx, endpoints: { id: string; url: string; companyId: string; disabledReason: string; disabledAt: Date | null }[]) {
  const owners = await tx.user.findMany({
    where: { companyId: { in: [...new Set(endpoints.map((e) => e.companyId))] }, companyRole: "owner", deactivatedAt: null },
    select: { id: true, email: true, name: true, companyId: true },
  });
  const out: OutboxRef[] = [];
  for (const e of endpoints)
    for (const o of owners.filter((u) => u.companyId === e.companyId)) {
      const ref = await queueEmailInTx(tx, {
        type: "webhook_disabled",
        email: o.email,
        userId: o.id,
        idempotencyKey: `webhook-disabled:${e.id}:${e.disabledAt?.toISOString()}:${o.email}`,
        props: { appUrl: env().APP_URL, recipientName: o.name, endpointUrl: e.url, reason: e.disabledReason },
      });
      if (ref) out.push(ref);
    }
  return out;
}

/** "Send test event": a webhook.test delivery to this endpoint, through the same queue and signing. */
export async function queueTestEvent(endpointId: string) {
  const id = `msg_${randomUUID().replace(/-/g, "")}`;
  const [row] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "WebhookMessage" ("id", "endpointId", "eventType", "sequence", "payload")
    VALUES (${id}, ${endpointId}, 'webhook.test', nextval('"WebhookMessage_sequence_seq"'),
            ${JSON.stringify({ type: "webhook.test", timestamp: new Date().toISOString(), data: { endpointId, message: "A test event from Phone Portal" } })})
    RETURNING "id"`;
  return row!;
}
