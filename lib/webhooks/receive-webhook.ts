import "server-only";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { currentRequestId, log } from "../logger";
import { coalesce, eachSettled, type BatchResult } from "../coalesce";
import { readRawBody } from "../api/read-body";
import { dependencyDown } from "../api/dependency-error";
import { dispatchOutbox, outboxRows } from "../queue/outbox";
import { findIllFormed, toWellFormed } from "../wire/well-formed";
import { adapterFor, clearSupplierCache } from "../suppliers/load-supplier";
import { webhookHeaderPolicy } from "../suppliers/registry";
import { SupplierError } from "../suppliers/types";

export const MAX_WEBHOOK_BYTES = 256 * 1024;
/** An event's own time must be a date Postgres stores and ordering can use. */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);
/**
 * Headers worth keeping for ops: these, and those the supplier kinds name in
 * their webhook policy; a signature only as "[present]", never itself.
 */
const COMMON_HEADERS = ["content-type", "content-length", "user-agent", "x-forwarded-for"];
const HEADERS = webhookHeaderPolicy();
const KEEP_HEADERS = new Set([...COMMON_HEADERS, ...HEADERS.keep]);

type Answer = { status: number; body: Record<string, unknown> };

function pickHeaders(h: Headers) {
  const out: Record<string, string> = {};
  // Headers yields lower-case names.
  h.forEach((v, k) => {
    if (HEADERS.present.has(k)) out[k] = "[present]";
    else if (KEEP_HEADERS.has(k)) out[k] = v.slice(0, 200);
  });
  return out;
}

async function logRequest(source: string, supplierId: string, headers: Headers, a: Answer, extra: Partial<Prisma.WebhookEventUncheckedCreateInput>) {
  log.info("webhook", { source, status: a.status, outcome: extra.outcome, eventId: extra.dedupeKey ?? null, error: extra.error ?? null });
  if (!extra.outcome || extra.outcome === "rejected") return logRejected(source, supplierId, headers, a.status, extra);
  await db.webhookEvent
    .create({ data: { source, supplierId, httpStatus: a.status, headers: pickHeaders(headers), outcome: "rejected", ...extra } })
    .catch((err) => log.warn("could not log webhook request", { err }));
}

/**
 * Rejected requests (bad signature, bad body, too big) kept for the webhook log: headers
 * (signatures only as "[present]") and the reason, never the body, and at most
 * REJECTED_PER_MINUTE per supplier per minute, so nobody can fill the database by sending
 * garbage. Counted here first (no database call once this instance is over the cap), then
 * fleet-wide in the one INSERT; the worker prunes them after 7 days (prune-rejected-webhooks.ts).
 */
export const REJECTED_PER_MINUTE = 60;
const rejectedThisMinute = new Map<string, { minute: number; n: number; dropped: number }>();

function underLocalCap(source: string): boolean {
  const minute = Math.floor(Date.now() / 60_000);
  let c = rejectedThisMinute.get(source);
  if (!c || c.minute !== minute) {
    if (c?.dropped) log.warn("rejected webhooks over the log's cap were not stored", { source, dropped: c.dropped });
    c = { minute, n: 0, dropped: 0 };
    rejectedThisMinute.set(source, c);
  }
  if (c.n >= REJECTED_PER_MINUTE) {
    c.dropped++;
    return false;
  }
  c.n++;
  return true;
}

async function logRejected(source: string, supplierId: string, headers: Headers, httpStatus: number, extra: Partial<Prisma.WebhookEventUncheckedCreateInput>) {
  if (!underLocalCap(source)) return;
  const error = typeof extra.error === "string" ? toWellFormed(extra.error).slice(0, 500) : null;
  await db.$executeRaw`
    INSERT INTO "WebhookEvent" ("id", "source", "supplierId", "verified", "httpStatus", "headers", "outcome", "error", "receivedAt")
    SELECT gen_random_uuid()::text, ${source}, ${supplierId}, ${extra.verified === true}, ${httpStatus}, ${JSON.stringify(pickHeaders(headers))}::jsonb,
           'rejected', ${error}, now() AT TIME ZONE 'UTC'
     WHERE (SELECT count(*) FROM (
              SELECT 1 FROM "WebhookEvent"
               WHERE "outcome" = 'rejected' AND "source" = ${source} AND "receivedAt" > (now() AT TIME ZONE 'UTC') - interval '1 minute'
               LIMIT ${REJECTED_PER_MINUTE}) r) < ${REJECTED_PER_MINUTE}`.catch((err) => log.warn("could not log webhook request", { err }));
}

/**
 * Receive a supplier webhook (docs/api.md (PhoneX webhooks)): verify the signature over the
 * raw bytes before parsing, refuse stale or oversized requests, dedupe on the
 * event id, store the raw event with its processing job in one transaction,
 * and answer 202 at once; the worker applies it. Every request is logged;
 * rejected ones without their body.
 */
export async function receiveWebhook(source: string, req: Request): Promise<Answer> {
  // No such supplier is a 404; the database being away is not (503, so the supplier retries).
  const found = await adapterFor({ slug: source }).catch((err) => (dependencyDown(err) ? Promise.reject(err) : null));
  if (!found) return { status: 404, body: { error: { code: "not_found", message: `No supplier '${source}'` } } };
  const { adapter, config } = found;
  let raw: Buffer;
  try {
    raw = await readRawBody(req, MAX_WEBHOOK_BYTES);
  } catch (err) {
    if (err instanceof AppError && err.code === "payload_too_large") {
      const a = { status: 413, body: { error: { code: "payload_too_large", message: `Body over ${MAX_WEBHOOK_BYTES} bytes` } } };
      await logRequest(source, config.id, req.headers, a, { error: "body too large" });
      return a;
    }
    throw err;
  }

  const v = adapter.verifyWebhook({ headers: req.headers, rawBody: raw, now: new Date() });
  if (!v.ok) {
    const a = { status: v.status, body: { error: { code: v.status === 401 ? "invalid_signature" : "bad_request", message: v.reason } } };
    await logRequest(source, config.id, req.headers, a, { error: v.reason });
    return a;
  }

  let eventType: string;
  let reference: string | null = null;
  let occurredAt: Date | null = null;
  try {
    const parsed = adapter.parseWebhook(raw, v.eventId);
    eventType = parsed.eventType;
    if (parsed.kind === "order") reference = parsed.reference;
    const t = parsed.occurredAt ? new Date(parsed.occurredAt) : null;
    if (t && (Number.isNaN(t.getTime()) || t.getTime() < EARLIEST || t.getTime() > LATEST)) {
      throw new SupplierError(`${source} webhook: timestamp ${String(parsed.occurredAt).slice(0, 40)} is not a date we can use`, "permanent", {
        code: "malformed",
      });
    }
    occurredAt = t;
    const bad = findIllFormed(JSON.parse(raw.toString("utf8")));
    if (bad) throw new SupplierError(`${source} webhook: ${bad} holds a NUL character or ill-formed Unicode`, "permanent", { code: "malformed" });
  } catch (err) {
    if (err instanceof SupplierError && err.details.code === "unknown_event") {
      // A signed event of a type we do not know yet (the supplier added one): stored, flagged
      // for ops and acknowledged, so the supplier does not retry it for ever.
      return storeUnknownEvent(source, config.id, v.eventId, raw, req.headers, err.message, adapter.webhookAck);
    }
    const reason = err instanceof SupplierError ? err.message : "malformed body";
    const a = { status: 400, body: { error: { code: "malformed_event", message: reason } } };
    // Rejected requests are logged without their body (docs/api.md (PhoneX webhooks)).
    await logRequest(source, config.id, req.headers, a, { verified: true, dedupeKey: null, error: toWellFormed(reason) });
    return a;
  }

  // The event and its processing job in ONE statement (one round trip, atomic), shared with
  // the webhooks arriving at the same moment: nothing else stands between the signature check
  // and the answer.
  const stored = await storeEvent({
    source,
    supplierId: config.id,
    dedupeKey: v.eventId,
    eventType,
    headers: pickHeaders(req.headers),
    rawBody: raw.toString("utf8"),
    reference,
    occurredAt: occurredAt?.toISOString() ?? null,
    receivedAt: new Date().toISOString(),
    requestId: currentRequestId() ?? null,
  }).catch((err) => {
    // The supplier was removed since its config was cached: as if it never existed.
    if (/23503|foreign key/i.test(String((err as Error)?.message))) {
      clearSupplierCache();
      return null;
    }
    throw err;
  });
  if (stored === null) return { status: 404, body: { error: { code: "not_found", message: `No supplier '${source}'` } } };
  if (!stored.eventId) {
    const a = { status: 200, body: { ...(adapter.webhookAck?.body ?? {}), received: true, duplicate: true } };
    await logRequest(source, config.id, req.headers, a, {
      verified: true,
      outcome: "duplicate",
      eventType,
      reference,
      error: `duplicate of event ${v.eventId}`,
    });
    return a;
  }
  // Handed to the queue without making the supplier wait for Redis; the recovery pass covers a miss.
  const id = stored.eventId;
  void dispatchOutbox([{ id: stored.jobId, queue: stored.queue, name: stored.name, payload: { data: { webhookEventId: id } } }]);
  const ack = adapter.webhookAck ?? { status: 202, body: { received: true } };
  log.info("webhook", { source, status: ack.status, eventId: v.eventId, eventType });
  return { status: ack.status, body: { ...ack.body, id } };
}

type IncomingEvent = {
  source: string;
  supplierId: string;
  dedupeKey: string;
  eventType: string;
  headers: Record<string, string>;
  rawBody: string;
  reference: string | null;
  occurredAt: string | null;
  receivedAt: string;
  /** The request's id: its processing job runs in that log context (lib/queue/run-job.ts). */
  requestId: string | null;
};
type StoredEvent = { eventId: string | null; jobId: string; queue: string; name: string };

/**
 * Store verified events with their processing jobs: many requests' events in
 * one INSERT … ON CONFLICT DO NOTHING (a duplicate, here or stored before,
 * gets no id) and their outbox rows in the same statement.
 */
const storeEvent = coalesce<IncomingEvent, StoredEvent>(
  async (events) => {
    try {
      return await storeEvents(events);
    } catch (err) {
      // One event's failure (its supplier removed meanwhile) must not fail the others.
      if (events.length === 1) throw err;
      return eachSettled(events, async (e) => {
        const [r] = await storeEvents([e]);
        return (r as { ok: true; value: StoredEvent }).value;
      });
    }
  },
  { maxBatch: 200, maxInFlight: 3 },
);

async function storeEvents(events: IncomingEvent[]): Promise<BatchResult<StoredEvent>[]> {
  const jobs = outboxRows(events.map(() => ({ key: "processWebhook" as const, payload: { webhookEventId: "pending" } })));
  const rows = events.map((e, ord) => ({ ...e, ord, jobId: jobs[ord]!.id, queue: jobs[ord]!.queue, name: jobs[ord]!.name }));
  const inserted = await db.$queryRaw<{ ord: number; eventId: string }[]>`
    WITH v AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v("ord" int, "source" text, "supplierId" text, "dedupeKey" text, "eventType" text,
        "headers" jsonb, "rawBody" text, "reference" text, "occurredAt" timestamptz, "receivedAt" timestamptz, "jobId" text, "queue" text, "name" text, "requestId" text)
    ), first AS (
      SELECT DISTINCT ON ("source", "dedupeKey") * FROM v ORDER BY "source", "dedupeKey", "ord"
    ), w AS (
      INSERT INTO "WebhookEvent" ("id", "source", "supplierId", "dedupeKey", "eventType", "verified", "httpStatus", "headers", "rawBody", "outcome", "reference", "occurredAt", "receivedAt")
      SELECT gen_random_uuid()::text, f."source", f."supplierId", f."dedupeKey", f."eventType", true, 202, f."headers", f."rawBody", 'pending', f."reference",
             f."occurredAt", f."receivedAt" AT TIME ZONE 'UTC'
        FROM first f ORDER BY f."ord"
      ON CONFLICT ("source", "dedupeKey") DO NOTHING
      RETURNING "id", "source", "dedupeKey"
    ), o AS (
      INSERT INTO "OutboxMessage" ("id", "queue", "name", "payload", "subject", "status", "attempts", "createdAt")
      SELECT f."jobId", f."queue", f."name",
             jsonb_build_object('data', jsonb_build_object('webhookEventId', w."id")) || CASE WHEN f."requestId" IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('requestId', f."requestId") END,
             'webhook:' || w."id", 'open', 0, now()
        FROM w JOIN first f ON f."source" = w."source" AND f."dedupeKey" = w."dedupeKey"
      RETURNING "id"
    )
    SELECT f."ord", w."id" AS "eventId" FROM w JOIN first f ON f."source" = w."source" AND f."dedupeKey" = w."dedupeKey"`;
  const byOrd = new Map(inserted.map((r) => [Number(r.ord), r.eventId]));
  return rows.map((r) => ({ ok: true, value: { eventId: byOrd.get(r.ord) ?? null, jobId: r.jobId, queue: r.queue, name: r.name } }));
}

async function storeUnknownEvent(
  source: string,
  supplierId: string,
  eventId: string,
  raw: Buffer,
  headers: Headers,
  reason: string,
  supplierAck: { status: number; body: Record<string, unknown> } | undefined,
): Promise<Answer> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "WebhookEvent" ("id", "source", "supplierId", "dedupeKey", "eventType", "verified", "httpStatus", "headers", "rawBody", "outcome", "flagged", "error", "receivedAt", "processedAt")
    VALUES (gen_random_uuid()::text, ${source}, ${supplierId}, ${eventId}, ${eventTypeOf(raw)}, true, 202, ${JSON.stringify(pickHeaders(headers))}::jsonb,
            ${raw.toString("utf8")}, 'unknown_event', true, ${toWellFormed(reason)}, now(), now())
    ON CONFLICT ("source", "dedupeKey") DO NOTHING
    RETURNING "id"`;
  log.warn("webhook of an unknown event type stored for ops", { source, eventId, reason });
  const ack = supplierAck ?? { status: 202, body: { received: true } };
  return rows[0]
    ? { status: ack.status, body: { ...ack.body, id: rows[0].id, flagged: true } }
    : { status: 200, body: { ...(supplierAck?.body ?? {}), received: true, duplicate: true } };
}

/** The event's declared type, for the ops list (PhoneX "event", CJ "type"), bounded. */
function eventTypeOf(raw: Buffer): string | null {
  try {
    const j = JSON.parse(raw.toString("utf8")) as { event?: unknown; type?: unknown };
    const t = typeof j.event === "string" ? j.event : typeof j.type === "string" ? j.type : null;
    return t ? toWellFormed(t.slice(0, 100)) : null;
  } catch {
    return null;
  }
}
