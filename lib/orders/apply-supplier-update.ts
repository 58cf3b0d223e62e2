import "server-only";
import { db, TX_OPTIONS, type Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { dispatchOutbox, type OutboxRef } from "../queue/outbox";
import { publishOrderUpdated } from "../events/publish";
import { queueOrderEmailsInTx, queueShipmentEmailInTx, emailTypeForStatus } from "../notifications/queue-order-emails";
import { aggregateStatus, skippedSteps, transition, type SupplierOrderStatus } from "./status-model";

export type SupplierUpdate = {
  supplierOrderId: string;
  status?: SupplierOrderStatus;
  externalOrderId?: string | null;
  trackingNumber?: string | null;
  carrier?: string | null;
  trackingUrl?: string | null;
  reason?: string | null;
  lastError?: string | null;
  /** "webhook:phonex", "poll:phonex", "worker", "ops:<email>", "api" */
  source: string;
  message?: string;
  data?: Prisma.InputJsonValue;
};

export type ApplyResult = {
  orderId: string;
  applied: boolean;
  reason?: string;
  orderStatusChanged: boolean;
};

const SHIPPED = new Set<string>(["shipped", "delivered"]);

/** Lock the order row: every status change of one order is serialised. */
export async function lockOrder(tx: Tx, orderId: string) {
  await tx.$queryRaw`SELECT 1 FROM "Order" WHERE "id" = ${orderId} FOR UPDATE`;
}

/**
 * Apply what a supplier (or the worker, or ops) says about a supplier order,
 * through the status model: forward moves are applied, backward or late ones
 * are recorded on the timeline and ignored for status. The order's status is
 * recomputed from all its supplier orders; when it changes, the reseller's
 * emails are queued in the same transaction, and screens are told after commit.
 */
export async function applySupplierUpdate(update: SupplierUpdate, client?: Tx): Promise<ApplyResult> {
  const run = async (tx: Tx) => applySupplierUpdateInTx(tx, update);
  const { result, outboxIds, order } = client ? await run(client) : await db.$transaction(run, TX_OPTIONS);
  if (!client) await afterApplied([{ result, outboxIds, order }]);
  return result;
}

export type AppliedInTx = { result: ApplyResult; outboxIds: OutboxRef[]; order: OrderUpdated };
type OrderUpdated = { id: string; number: string; status: string; companyId: string; updatedAt: Date };

/** After the commit of one or more updates: queue their jobs, tell the screens (once per order). */
export async function afterApplied(applied: AppliedInTx[]) {
  await dispatchOutbox(applied.flatMap((a) => a.outboxIds));
  const last = new Map<string, OrderUpdated>();
  for (const a of applied) if (a.result.applied || a.result.orderStatusChanged) last.set(a.order.id, a.order);
  for (const o of last.values()) await publishOrderUpdated(o);
}

/** The same, inside the caller's transaction (which must run afterApplied after its commit). */
export async function applySupplierUpdateInTx(tx: Tx, u: SupplierUpdate): Promise<AppliedInTx> {
  // The order row locked by way of its supplier order, in one statement (a supplier order never changes order).
  const [locked] = await tx.$queryRaw<{ id: string }[]>`
    SELECT o."id" FROM "Order" o WHERE o."id" = (SELECT so."orderId" FROM "SupplierOrder" so WHERE so."id" = ${u.supplierOrderId}) FOR UPDATE`;
  if (!locked) throw new Error(`supplier order ${u.supplierOrderId} not found`);
  const so = await tx.supplierOrder.findUniqueOrThrow({
    where: { id: u.supplierOrderId },
    select: { id: true, status: true, orderId: true, trackingNumber: true, carrier: true, trackingUrl: true, supplierOrderId: true },
  });
  const data: Prisma.SupplierOrderUpdateInput = { syncedAt: new Date() };
  if (u.externalOrderId && !so.supplierOrderId) data.supplierOrderId = u.externalOrderId;
  const trackingChanged =
    (u.trackingNumber && u.trackingNumber !== so.trackingNumber) ||
    (u.carrier && u.carrier !== so.carrier) ||
    (u.trackingUrl && u.trackingUrl !== so.trackingUrl);
  if (u.trackingNumber) data.trackingNumber = u.trackingNumber;
  if (u.carrier) data.carrier = u.carrier;
  if (u.trackingUrl) data.trackingUrl = u.trackingUrl;
  if (u.lastError !== undefined) data.lastError = u.lastError;

  let applied = false;
  let reason: string | undefined;
  if (u.status) {
    const t = transition(so.status, u.status);
    if (t.apply) {
      applied = true;
      data.status = u.status;
      if (u.status === "submitted" || (so.status === "pending" && u.status !== "failed" && u.status !== "canceled")) data.submittedAt = new Date();
    } else {
      reason = t.reason;
    }
  }
  await tx.supplierOrder.update({ where: { id: so.id }, data });

  if (applied) {
    // A later status that skipped steps (a missed or reordered webhook, a poll): the
    // timeline shows the steps it implies, marked as inferred.
    const skipped = skippedSteps(so.status, u.status!);
    if (skipped.length) {
      await tx.orderEvent.createMany({
        data: skipped.map((status, i) => ({
          orderId: so.orderId,
          supplierOrderId: so.id,
          type: "status_changed",
          status,
          source: u.source,
          message: `${status} (inferred: the supplier reported ${u.status} first)`,
          data: { inferred: true },
          createdAt: new Date(Date.now() - (skipped.length - i)),
        })),
      });
    }
    await tx.orderEvent.create({
      data: {
        orderId: so.orderId,
        supplierOrderId: so.id,
        type: "status_changed",
        status: u.status!,
        source: u.source,
        message: u.message ?? (u.reason ? `Reason: ${u.reason}` : null),
        data: u.data,
      },
    });
  } else if (u.status && reason && reason !== "same") {
    await tx.orderEvent.create({
      data: {
        orderId: so.orderId,
        supplierOrderId: so.id,
        type: "status_ignored",
        status: u.status,
        source: u.source,
        message: `Ignored ${u.status} (${reason}: order is ${so.status})`,
        data: u.data,
      },
    });
  } else if (trackingChanged) {
    await tx.orderEvent.create({
      data: {
        orderId: so.orderId,
        supplierOrderId: so.id,
        type: "note",
        source: u.source,
        message: `Tracking updated: ${u.carrier ?? ""} ${u.trackingNumber ?? ""}`.trim(),
      },
    });
  }

  // This parcel has left (shipped, or reported delivered without a shipped step first).
  const shipment = applied && SHIPPED.has(u.status!) && !SHIPPED.has(so.status) ? await queueShipmentEmailInTx(tx, so.orderId, so.id) : [];
  const { changed, outboxIds, order } = await recomputeOrderStatus(tx, so.orderId, u.source, u.reason ?? u.lastError ?? null);
  outboxIds.unshift(...shipment);
  return { result: { orderId: so.orderId, applied, reason, orderStatusChanged: changed }, outboxIds, order };
}

/** Recompute the order's status from its supplier orders; queue emails when it changes. */
export async function recomputeOrderStatus(tx: Tx, orderId: string, source: string, reason: string | null) {
  const current = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { id: true, number: true, status: true, companyId: true, updatedAt: true, supplierOrders: { select: { status: true } } },
  });
  const { supplierOrders, ...unchanged } = current;
  const next = aggregateStatus(supplierOrders.map((s) => s.status));
  if (next === current.status) {
    return { changed: false, outboxIds: [] as OutboxRef[], order: unchanged as OrderUpdated };
  }
  const order: OrderUpdated = await tx.order.update({
    where: { id: orderId },
    data: { status: next },
    select: { id: true, number: true, status: true, companyId: true, updatedAt: true },
  });
  await tx.orderEvent.create({
    data: { orderId, type: "order_status_changed", orderStatus: next, source, message: `Order is now ${next}` },
  });
  const outboxIds: OutboxRef[] = [];
  const type = emailTypeForStatus(next);
  if (type) outboxIds.push(...(await queueOrderEmailsInTx(tx, orderId, type, { reason, by: source })));
  return { changed: true, outboxIds, order };
}
