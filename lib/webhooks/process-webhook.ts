import "server-only";
import { db, TX_OPTIONS, type Tx } from "../db/client";
import { log } from "../logger";
import { afterApplied, applySupplierUpdateInTx, lockOrder, type AppliedInTx, type SupplierUpdate } from "../orders/apply-supplier-update";
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
  if (!ev || ev.processedAt || !ev.rawBody || !ev.supplierId || !ev.dedupeKey) return { outcome: "skipped" as const };
  const { adapter, config } = await adapterFor({ id: ev.supplierId });
  const parsed: SupplierEvent = adapter.parseWebhook(Buffer.from(ev.rawBody, "utf8"), ev.dedupeKey);
  // Suppliers that sign no timestamp (CJ) are read back before we act: a
  // replayed message then changes nothing the supplier does not confirm.
  const event = adapter.confirmEvent ? await adapter.confirmEvent(parsed) : parsed;

  if (event.kind === "inventory") {
    const r = await applyInventoryItems(config.id, event.items, event.occurredAt ? new Date(event.occurredAt) : new Date(), event.stockOnly);
    await markProcessed(ev.id, { outcome: "applied" });
    return { outcome: "applied" as const, inventory: r };
  }

  // Matched by our reference alone; the supplier's own id only cross-checks it.
  const so = await db.supplierOrder.findUnique({
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
  if ((event.supplierOrderId && so.supplierOrderId && event.supplierOrderId !== so.supplierOrderId) || other) {
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
    const earlier = adapter.confirmEvent ? [] : await earlierWaiting(tx, ev.id, config.id, event.reference, event.occurredAt, ev.receivedAt);
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
