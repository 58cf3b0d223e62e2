import "server-only";
import { auditActor, recordAudit } from "../audit/record-audit";
import { db, TX_OPTIONS } from "../db/client";
import { AppError } from "../errors";
import { companyScope, type Principal } from "../auth/principal";
import { dispatchOutbox, enqueueInTx } from "../queue/outbox";
import { jobs } from "../queue/jobs";
import { publishOrderUpdated } from "../events/publish";
import { adapterFor } from "../suppliers/load-supplier";
import { isOrderNotFound, SupplierError } from "../suppliers/types";
import { applySupplierUpdate, lockOrder } from "./apply-supplier-update";
import { getOrder } from "./get-order";
import { isCancelable, isOpen } from "./status-model";

/**
 * Ask for an order to be canceled: 202 while the suppliers are asked, 409
 * not_cancelable once anything has shipped. The suppliers are called by the
 * worker (cancel-order job); the final status arrives as their webhook.
 */
export async function requestCancel(principal: Principal, orderId: string) {
  const by = principal.kind === "api_key" ? "api" : principal.role === "reseller" ? "web" : `ops:${principal.email}`;
  const outboxIds = await db.$transaction(async (tx) => {
    const order = await tx.order.findFirst({
      where: { id: orderId, ...companyScope(principal) },
      select: { id: true, number: true, status: true, companyId: true },
    });
    if (!order) throw new AppError("not_found", "Order not found");
    await lockOrder(tx, order.id);
    const sos = await tx.supplierOrder.findMany({ where: { orderId }, select: { id: true, status: true, cancelRequestedAt: true } });
    if (sos.some((s) => s.status === "shipped" || s.status === "delivered")) {
      throw new AppError("not_cancelable", "The order has shipped and can no longer be canceled", { details: { status: order.status } });
    }
    if (["rejected", "canceled"].includes(order.status)) {
      throw new AppError("not_cancelable", `The order is already ${order.status}`, { details: { status: order.status } });
    }
    const open = sos.filter((s) => isCancelable(s.status) && !s.cancelRequestedAt);
    if (open.length === 0) return [];
    await tx.supplierOrder.updateMany({ where: { id: { in: open.map((s) => s.id) } }, data: { cancelRequestedAt: new Date() } });
    await tx.orderEvent.create({ data: { orderId, type: "cancel_requested", source: by, message: `Cancellation requested by ${principal.name}` } });
    await recordAudit(tx, {
      actor: auditActor(principal),
      action: "order.canceled",
      entityType: "order",
      entityId: orderId,
      companyId: order.companyId,
      note: "Cancellation requested",
      before: { number: order.number, status: order.status },
      after: { number: order.number, status: order.status, cancelRequested: open.length },
    });
    return [await enqueueInTx(tx, "cancelOrder", { orderId, requestedBy: by })];
  }, TX_OPTIONS);
  await dispatchOutbox(outboxIds);
  return getOrder(principal, orderId);
}

/** Worker side: ask each supplier to cancel; cancel locally what never left. */
export async function performCancel(orderId: string, requestedBy: string) {
  const sos = await db.supplierOrder.findMany({
    where: { orderId, cancelRequestedAt: { not: null }, cancelSentAt: null },
    select: { id: true, status: true, supplierId: true, supplierOrderId: true, reference: true, orderId: true, attempts: true },
  });
  for (const so of sos) {
    if (!isOpen(so.status) && so.status !== "failed") continue;
    if (so.status === "pending" && so.attempts > 0 && (await forwardInFlight(so.id))) {
      // A create call may be on its way to the supplier right now: ask again once it has an answer.
      throw new Error("the order is being forwarded right now; the cancellation follows its answer");
    }
    if ((so.status === "pending" && so.attempts === 0) || so.status === "failed") {
      // Never acknowledged by the supplier: the forward job sees cancelRequestedAt and stops.
      await applySupplierUpdate({
        supplierOrderId: so.id,
        status: "canceled",
        source: requestedBy,
        reason: `canceled by ${requestedBy}`,
        message: "Canceled before the supplier had it",
      });
      continue;
    }
    const { adapter, config } = await adapterFor({ id: so.supplierId }, so.id);
    try {
      const r = await adapter.cancelOrder({ reference: so.reference, supplierOrderId: so.supplierOrderId }).catch((err) => {
        // A create that was tried but never acknowledged: the supplier may or may not have it.
        if (so.status === "pending" && isOrderNotFound(err)) {
          return { status: "canceled" as const };
        }
        throw err;
      });
      await db.supplierOrder.update({ where: { id: so.id }, data: { cancelSentAt: new Date() } });
      if (r.status === "canceled") {
        await applySupplierUpdate({ supplierOrderId: so.id, status: "canceled", source: requestedBy, reason: `canceled by ${requestedBy}` });
      } else {
        await db.orderEvent.create({
          data: { orderId, supplierOrderId: so.id, type: "note", source: `worker`, message: `${config.slug} is canceling the order` },
        });
      }
    } catch (err) {
      if (err instanceof SupplierError && !err.transient) {
        await db.$transaction([
          db.supplierOrder.update({ where: { id: so.id }, data: { cancelSentAt: new Date() } }),
          db.orderEvent.create({
            data: { orderId, supplierOrderId: so.id, type: "cancel_refused", source: `worker`, message: `${config.slug} refused to cancel: ${err.message}` },
          }),
        ]);
        continue;
      }
      throw err;
    }
  }
  const order = await db.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { id: true, number: true, status: true, companyId: true, updatedAt: true },
  });
  await publishOrderUpdated(order);
}

/** The cancel job ran out of attempts: the timeline says so, for ops to follow up with the supplier. */
export async function recordCancelFailed(orderId: string, reason: string) {
  const sos = await db.supplierOrder.findMany({ where: { orderId, cancelRequestedAt: { not: null }, cancelSentAt: null }, select: { id: true } });
  if (sos.length === 0) return;
  await db.$transaction([
    db.supplierOrder.updateMany({ where: { id: { in: sos.map((s) => s.id) } }, data: { lastError: `cancel not sent: ${reason}`.slice(0, 1000) } }),
    db.orderEvent.create({
      data: { orderId, type: "cancel_failed", source: "worker", message: `The cancellation could not be sent to the supplier: ${reason}`.slice(0, 1000) },
    }),
  ]);
}

/** Is a forward job of this supplier order running or about to retry (its lease or backoff held in Postgres)? */
async function forwardInFlight(supplierOrderId: string) {
  const row = await db.outboxMessage.findFirst({
    where: { subject: jobs.forwardSupplierOrder.subject({ supplierOrderId }), status: "open", claimedUntil: { gt: new Date() } },
    select: { id: true },
  });
  // Running, or waiting out its backoff: its next run sees the cancellation and leaves it to us.
  return row !== null;
}
