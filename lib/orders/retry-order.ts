import "server-only";
import { auditActor, recordAudit } from "../audit/record-audit";
import { db, TX_OPTIONS } from "../db/client";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";
import { dispatchOutbox, enqueueInTx, type OutboxRef } from "../queue/outbox";
import { reopenDeadSubjectsInTx, requeueOutbox } from "../queue/requeue-outbox";
import { jobs } from "../queue/jobs";
import { publishOrderUpdated } from "../events/publish";
import { lockOrder, recomputeOrderStatus } from "./apply-supplier-update";

/** Ops: send a failed order's failed supplier orders again, from a clean slate. */
export async function retryOrder(principal: Principal, orderId: string) {
  const source = `ops:${principal.email}`;
  const { outboxIds, reopened } = await db.$transaction(async (tx) => {
    const order = await tx.order.findUnique({ where: { id: orderId }, select: { id: true, number: true, status: true, companyId: true } });
    if (!order) throw new AppError("not_found", "Order not found");
    await lockOrder(tx, orderId);
    const failed = await tx.supplierOrder.findMany({ where: { orderId, status: "failed" }, select: { id: true } });
    if (failed.length === 0) throw new AppError("conflict", "Nothing to retry: no supplier order of this order has failed");
    const ids: OutboxRef[] = [];
    const again: OutboxRef[] = [];
    for (const so of failed) {
      await tx.supplierOrder.update({ where: { id: so.id }, data: { status: "pending", attempts: 0, lastError: null, cancelRequestedAt: null } });
      await tx.orderEvent.create({
        data: { orderId, supplierOrderId: so.id, type: "retry_requested", status: "pending", source, message: `Retry requested by ${principal.name}` },
      });
      // The given-up forward's own row and job id again (so BullMQ's failed set drops it), else a new one.
      const [row] = await reopenDeadSubjectsInTx(tx, [jobs.forwardSupplierOrder.subject({ supplierOrderId: so.id })]);
      if (row) again.push(row);
      else ids.push(await enqueueInTx(tx, "forwardSupplierOrder", { supplierOrderId: so.id }));
    }
    ids.push(...(await recomputeOrderStatus(tx, orderId, source, null)).outboxIds);
    const now = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true } });
    await recordAudit(tx, {
      actor: auditActor(principal),
      action: "order.retried",
      entityType: "order",
      entityId: orderId,
      companyId: order.companyId,
      before: { number: order.number, status: order.status, failedSupplierOrders: failed.length },
      after: { number: order.number, status: now.status },
    });
    return { outboxIds: ids, reopened: again };
  }, TX_OPTIONS);
  await Promise.all([dispatchOutbox(outboxIds), requeueOutbox(reopened)]);
  const order = await db.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { id: true, number: true, status: true, companyId: true, updatedAt: true },
  });
  await publishOrderUpdated(order);
  return order;
}
