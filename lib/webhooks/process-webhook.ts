import "server-only";
import { db } from "../db/client";
import { log } from "../logger";
import { applySupplierUpdate } from "../orders/apply-supplier-update";
import { rejectAndReroute } from "../orders/reroute-supplier-order";
import { adapterFor } from "../suppliers/load-supplier";
import type { SupplierEvent } from "../suppliers/types";
import { applyInventoryItems } from "../catalog/apply-inventory";

/**
 * Apply a stored webhook event (worker side). Idempotent: an event already
 * processed is skipped; an event for an order we do not know is kept and
 * flagged for ops rather than dropped.
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
    const r = await applyInventoryItems(config.id, event.items, event.occurredAt ? new Date(event.occurredAt) : new Date());
    await db.webhookEvent.update({ where: { id: ev.id }, data: { outcome: "applied", processedAt: new Date(), error: null } });
    return { outcome: "applied" as const, inventory: r };
  }

  const so = await db.supplierOrder.findFirst({
    where: {
      supplierId: config.id,
      OR: [{ reference: event.reference }, ...(event.supplierOrderId ? [{ supplierOrderId: event.supplierOrderId }] : [])],
    },
    select: { id: true, orderId: true },
  });
  if (!so) {
    log.warn("webhook for an unknown order", { source: ev.source, reference: event.reference });
    await db.webhookEvent.update({
      where: { id: ev.id },
      data: { outcome: "unknown_order", flagged: true, processedAt: new Date(), error: `No order ${event.reference} at ${config.slug}` },
    });
    return { outcome: "unknown_order" as const };
  }
  if (event.status === "rejected") {
    // A rejection moves the lines to the next offer when one fits; only if none does is it the reseller's news.
    const rr = await rejectAndReroute(so.id, event.reason ?? `rejected by ${config.slug}`, `webhook:${config.slug}`);
    if (rr.rerouted) {
      await db.webhookEvent.update({ where: { id: ev.id }, data: { outcome: "applied", orderId: so.orderId, processedAt: new Date(), error: null } });
      return { outcome: "applied" as const };
    }
  }
  const r = await applySupplierUpdate({
    supplierOrderId: so.id,
    status: event.status,
    externalOrderId: event.supplierOrderId,
    trackingNumber: event.trackingNumber,
    carrier: event.carrier,
    trackingUrl: event.trackingUrl,
    reason: event.reason,
    source: `webhook:${config.slug}`,
    message: event.reason ? `Reason: ${event.reason}` : undefined,
    data: { eventId: event.eventId, eventType: event.eventType, occurredAt: event.occurredAt },
  });
  await db.webhookEvent.update({
    where: { id: ev.id },
    data: { outcome: r.applied ? "applied" : "ignored", orderId: so.orderId, processedAt: new Date(), error: r.reason ? `status not applied: ${r.reason}` : null },
  });
  return { outcome: r.applied ? ("applied" as const) : ("ignored" as const) };
}
