import "server-only";
import { db, TX_OPTIONS, type Tx } from "../db/client";
import { log } from "../logger";
import { coalesce, type BatchResult } from "../coalesce";
import {
  afterApplied,
  applySupplierUpdateInTx,
  applySupplierUpdatesInTx,
  lockOrder,
  type AppliedInTx,
  type SupplierUpdate,
} from "../orders/apply-supplier-update";
import { rejectAndReroute } from "../orders/reroute-supplier-order";
import { adapterFor } from "../suppliers/load-supplier";
import type { SupplierAdapter, SupplierEvent } from "../suppliers/types";
import { applyInventoryItems } from "../catalog/offers/apply-pushed-inventory";

type OrderEvent = Extract<SupplierEvent, { kind: "order" }>;
type StoredEvent = { id: string; rawBody: string | null; dedupeKey: string | null };

/**
 * Apply a stored webhook event (worker side). Idempotent: an event already
 * processed is skipped; an event for an order we do not know, or whose
 * supplier order id contradicts the order its reference names, is kept and
 * flagged for ops rather than applied.
 *
 * One supplier order's events apply one at a time and in event order: under
 * the order's row lock, every earlier event of the same supplier order that is
 * still waiting is applied first (a "delivered" whose job ran before the
 * "shipped" job no longer jumps the queue and loses the tracking number).
 */
export async function processWebhook(webhookEventId: string) {
  const ev = await db.webhookEvent.findUnique({ where: { id: webhookEventId } });
  return processLoaded(ev);
}

type Outcome = "skipped" | "applied" | "ignored" | "unknown_order" | "mismatch";
export type ProcessResult = { outcome: Outcome; inventory?: unknown };
type Loaded = Awaited<ReturnType<typeof db.webhookEvent.findUnique>>;

/**
 * The worker's way in: events whose jobs run at the same time are read in one
 * query, and the plain status updates among them (a known supplier order, ids
 * that agree, a supplier whose events need no read-back) are applied in ONE
 * transaction: their orders locked in id order, each supplier order's waiting
 * events applied in event order up to the latest of the batch, exactly as one
 * job after another would, and all marked processed in one statement. Every
 * other event (inventory, a rejection, an unknown order, a read-back) takes
 * the one-at-a-time path.
 */
export const processWebhookCoalesced = coalesce<string, ProcessResult>(processWebhooks, { maxBatch: 50, maxInFlight: 2 });

async function processWebhooks(ids: string[]): Promise<BatchResult<ProcessResult>[]> {
  const rows = await db.webhookEvent.findMany({ where: { id: { in: [...new Set(ids)] } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: BatchResult<ProcessResult>[] = new Array(ids.length);
  const one = async (i: number, ev: Loaded) => {
    try {
      out[i] = { ok: true, value: await processLoaded(ev) };
    } catch (error) {
      out[i] = { ok: false, error };
    }
  };

  type Plain = { i: number; ev: NonNullable<Loaded>; event: OrderEvent; adapter: SupplierAdapter; slug: string; supplierId: string };
  const plain: Plain[] = [];
  const slow: Promise<void>[] = [];
  const seen = new Set<string>();
  for (const [i, id] of ids.entries()) {
    const ev = byId.get(id) ?? null;
    if (!ev || ev.processedAt || !ev.rawBody || !ev.supplierId || !ev.dedupeKey || seen.has(id)) {
      out[i] = { ok: true, value: { outcome: "skipped" } };
      continue;
    }
    seen.add(id);
    try {
      const { adapter, config } = await adapterFor({ id: ev.supplierId });
      const event = adapter.parseWebhook(Buffer.from(ev.rawBody, "utf8"), ev.dedupeKey);
      if (adapter.confirmEvent || event.kind !== "order" || event.status === "rejected" || ev.attachedSupplierOrderId) slow.push(one(i, ev));
      else plain.push({ i, ev, event, adapter, slug: config.slug, supplierId: config.id });
    } catch {
      slow.push(one(i, ev)); // the one-at-a-time path reports the error as it always has
    }
  }
  if (plain.length > 0) {
    // The supplier orders, by our reference; those not plain (unknown, ids that disagree) go the slow way.
    const refs = await db.supplierOrder.findMany({
      where: { OR: plain.map((p) => ({ supplierId: p.supplierId, reference: p.event.reference })) },
      select: { id: true, orderId: true, supplierOrderId: true, supplierId: true, reference: true },
    });
    const soOf = new Map(refs.map((r) => [`${r.supplierId}\u0000${r.reference}`, r]));
    const ready: (Plain & { so: (typeof refs)[number] })[] = [];
    for (const p of plain) {
      const so = soOf.get(`${p.supplierId}\u0000${p.event.reference}`);
      const claimsId = p.event.supplierOrderId && p.event.supplierOrderId !== so?.supplierOrderId;
      if (!so || claimsId) slow.push(one(p.i, p.ev));
      else ready.push({ ...p, so });
    }
    if (ready.length > 0) {
      try {
        const outcomes = await applyPlain(ready);
        for (const r of ready) out[r.i] = { ok: true, value: { outcome: outcomes.get(r.ev.id) ?? "skipped" } };
      } catch (error) {
        for (const r of ready) out[r.i] = { ok: false, error };
      }
    }
  }
  await Promise.all(slow);
  return out;
}

/** The plain status updates of a batch, in one transaction (see processWebhookCoalesced). */
async function applyPlain(
  ready: { ev: NonNullable<Loaded>; event: OrderEvent; adapter: SupplierAdapter; slug: string; supplierId: string; so: { id: string; orderId: string } }[],
): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  const applied = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "Order" WHERE "id" = ANY(${[...new Set(ready.map((r) => r.so.orderId))]}::text[]) ORDER BY "id" FOR UPDATE`;
    // Under the locks: every verified event of these supplier orders still waiting (the batch's own among them).
    const pairs = [...new Map(ready.map((r) => [r.so.id, r])).values()];
    const waiting = await tx.webhookEvent.findMany({
      where: { processedAt: null, outcome: "pending", verified: true, OR: pairs.map((r) => ({ supplierId: r.supplierId, reference: r.event.reference })) },
      orderBy: [{ occurredAt: "asc" }, { receivedAt: "asc" }],
      select: { id: true, rawBody: true, dedupeKey: true, occurredAt: true, receivedAt: true, supplierId: true, reference: true },
    });
    const inBatch = new Map(ready.map((r) => [r.ev.id, r.event]));
    const updates: SupplierUpdate[] = [];
    const marks: { id: string; orderId: string; index: number }[] = [];
    for (const pair of pairs) {
      const mine = waiting.filter((w) => w.supplierId === pair.supplierId && w.reference === pair.event.reference);
      // Up to the latest of this batch's events of that supplier order, in event order.
      const lastIndex = mine.reduce((last, w, k) => (inBatch.has(w.id) ? k : last), -1);
      for (const w of mine.slice(0, lastIndex + 1)) {
        const e = inBatch.get(w.id) ?? parseStored(pair.adapter, w);
        // Not ours to apply here (a rejection, another reference): its own job handles it.
        if (!e || e.kind !== "order" || e.reference !== pair.event.reference || e.status === "rejected") continue;
        marks.push({ id: w.id, orderId: pair.so.orderId, index: updates.length });
        updates.push(toUpdate(e, pair.so.id, pair.slug));
      }
    }
    const results = await applySupplierUpdatesInTx(tx, updates);
    const rows = marks.map((m) => {
      const r = results[m.index]!.result;
      return { id: m.id, orderId: m.orderId, outcome: r.applied ? "applied" : "ignored", error: r.reason ? `status not applied: ${r.reason}` : null };
    });
    await tx.$executeRaw`
      UPDATE "WebhookEvent" AS w SET "outcome" = v."outcome", "orderId" = v."orderId", "processedAt" = now(), "error" = v."error"
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v("id" text, "orderId" text, "outcome" text, "error" text)
       WHERE w."id" = v."id"`;
    for (const r of rows) outcomes.set(r.id, r.outcome as Outcome);
    return results;
  }, TX_OPTIONS);
  await afterApplied(applied);
  return outcomes;
}

async function processLoaded(ev: Loaded): Promise<ProcessResult> {
  if (!ev || ev.processedAt || !ev.rawBody || !ev.supplierId || !ev.dedupeKey) return { outcome: "skipped" as const };
  const { adapter, config } = await adapterFor({ id: ev.supplierId });
  const parsed: SupplierEvent = adapter.parseWebhook(Buffer.from(ev.rawBody, "utf8"), ev.dedupeKey);
  // Suppliers that sign no timestamp (CJ) are read back before we act: a
  // replayed message then changes nothing the supplier does not confirm.
  let event = adapter.confirmEvent ? await adapter.confirmEvent(parsed) : parsed;

  if (event.kind === "inventory") {
    const r = await applyInventoryItems(config.id, event.items, event.occurredAt ? new Date(event.occurredAt) : new Date(), event.stockOnly);
    await markProcessed(ev.id, { outcome: "applied" });
    return { outcome: "applied" as const, inventory: r };
  }

  // Matched by our reference alone; the supplier's own id only cross-checks it. An event ops
  // attached to a supplier order by hand (lib/webhooks/attach-webhook-event.ts) applies to that one.
  const attached = ev.attachedSupplierOrderId;
  const so = attached
    ? await db.supplierOrder.findFirst({ where: { id: attached, supplierId: config.id }, select: { id: true, orderId: true, supplierOrderId: true } })
    : await db.supplierOrder.findUnique({
        where: { supplierId_reference: { supplierId: config.id, reference: event.reference } },
        select: { id: true, orderId: true, supplierOrderId: true },
      });
  if (!so) {
    log.warn("webhook for an unknown order", { source: ev.source, reference: event.reference });
    await markProcessed(ev.id, { outcome: "unknown_order", flagged: true, error: `No order ${event.reference} at ${config.slug}` });
    return { outcome: "unknown_order" as const };
  }
  // The supplier's id must agree with the one we know for this order, and must not be another order's.
  const other =
    event.supplierOrderId && !so.supplierOrderId
      ? await db.supplierOrder.findFirst({ where: { supplierId: config.id, supplierOrderId: event.supplierOrderId, id: { not: so.id } }, select: { id: true } })
      : null;
  if (attached) {
    // Ops said which order it is: applied there, without taking an id that is another order's.
    if (other || (so.supplierOrderId && event.supplierOrderId !== so.supplierOrderId)) event = { ...event, supplierOrderId: null };
  } else if ((event.supplierOrderId && so.supplierOrderId && event.supplierOrderId !== so.supplierOrderId) || other) {
    const error = other
      ? `supplier order id ${event.supplierOrderId} belongs to another of our orders, not ${event.reference}: not applied`
      : `supplier order id ${event.supplierOrderId} does not match ${so.supplierOrderId}, the supplier's id for order ${event.reference}: not applied`;
    log.warn("webhook ids do not match", { source: ev.source, reference: event.reference });
    await markProcessed(ev.id, { outcome: "mismatch", flagged: true, orderId: so.orderId, error });
    return { outcome: "mismatch" as const };
  }
  if (event.status === "rejected") {
    // A rejection moves the lines to the next offer when one fits; only if none does is it the reseller's news.
    const rr = await rejectAndReroute(so.id, event.reason ?? `rejected by ${config.slug}`, `webhook:${config.slug}`);
    if (rr.rerouted) {
      await markProcessed(ev.id, { outcome: "applied", orderId: so.orderId });
      return { outcome: "applied" as const };
    }
  }

  const applied: AppliedInTx[] = [];
  const outcome = await db.$transaction(async (tx) => {
    await lockOrder(tx, so.orderId);
    const mine = await tx.webhookEvent.findUnique({ where: { id: ev.id }, select: { processedAt: true } });
    if (mine?.processedAt) return "skipped" as const; // applied meanwhile, as an earlier event of another job's run
    // Earlier events of this supplier order still waiting (suppliers whose events need no read-back).
    const earlier = adapter.confirmEvent || attached ? [] : await earlierWaiting(tx, ev.id, config.id, event.reference, event.occurredAt, ev.receivedAt);
    for (const e of earlier) {
      const prior = parseStored(adapter, e);
      if (!prior || prior.kind !== "order" || prior.reference !== event.reference || prior.status === "rejected") continue;
      const r = await applySupplierUpdateInTx(tx, toUpdate(prior, so.id, config.slug));
      applied.push(r);
      await markProcessedInTx(tx, e.id, r.result, so.orderId);
    }
    const r = await applySupplierUpdateInTx(tx, toUpdate(event, so.id, config.slug));
    applied.push(r);
    await markProcessedInTx(tx, ev.id, r.result, so.orderId);
    return r.result.applied ? ("applied" as const) : ("ignored" as const);
  }, TX_OPTIONS);
  await afterApplied(applied);
  return { outcome };
}

function toUpdate(event: OrderEvent, supplierOrderId: string, slug: string): SupplierUpdate {
  return {
    supplierOrderId,
    status: event.status,
    externalOrderId: event.supplierOrderId,
    trackingNumber: event.trackingNumber,
    carrier: event.carrier,
    trackingUrl: event.trackingUrl,
    reason: event.reason,
    source: `webhook:${slug}`,
    message: event.reason ? `Reason: ${event.reason}` : undefined,
    data: { eventId: event.eventId, eventType: event.eventType, occurredAt: event.occurredAt },
  };
}

function parseStored(adapter: SupplierAdapter, e: StoredEvent): SupplierEvent | null {
  if (!e.rawBody || !e.dedupeKey) return null;
  try {
    return adapter.parseWebhook(Buffer.from(e.rawBody, "utf8"), e.dedupeKey);
  } catch {
    return null;
  }
}

/** Waiting events of the same supplier order that happened before this one (by the supplier's time, then arrival). */
async function earlierWaiting(tx: Tx, id: string, supplierId: string, reference: string, occurredAt: string | null, receivedAt: Date): Promise<StoredEvent[]> {
  const at = occurredAt ? new Date(occurredAt) : null;
  const rows = await tx.webhookEvent.findMany({
    where: { supplierId, reference, processedAt: null, outcome: "pending", verified: true, id: { not: id } },
    orderBy: [{ occurredAt: "asc" }, { receivedAt: "asc" }],
    select: { id: true, rawBody: true, dedupeKey: true, occurredAt: true, receivedAt: true },
    take: 50,
  });
  return rows.filter((r) => {
    if (at && r.occurredAt) return r.occurredAt < at || (r.occurredAt.getTime() === at.getTime() && r.receivedAt < receivedAt);
    return r.receivedAt < receivedAt;
  });
}

async function markProcessedInTx(tx: Tx, id: string, r: { applied: boolean; reason?: string }, orderId: string) {
  await tx.webhookEvent.update({
    where: { id },
    data: { outcome: r.applied ? "applied" : "ignored", orderId, processedAt: new Date(), error: r.reason ? `status not applied: ${r.reason}` : null },
  });
}

async function markProcessed(id: string, data: { outcome: string; flagged?: boolean; orderId?: string; error?: string | null }) {
  await db.webhookEvent.update({ where: { id }, data: { error: null, ...data, processedAt: new Date() } });
}

/** The event's job ran out of attempts: flagged for ops with the reason, never left pending. */
export async function markWebhookFailed(webhookEventId: string, reason: string) {
  await db.webhookEvent.updateMany({
    where: { id: webhookEventId, processedAt: null },
    data: { outcome: "failed", flagged: true, processedAt: new Date(), error: reason.slice(0, 1000) },
  });
  log.error("webhook event given up", { webhookEventId, reason: reason.slice(0, 300) });
}
