import "server-only";
import { db, TX_OPTIONS } from "../db/client";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";
import { dispatchOutbox, enqueueInTx, type OutboxRef } from "../queue/outbox";
import { publishOrderUpdated } from "../events/publish";
import { lockOrder, recomputeOrderStatus } from "./apply-supplier-update";

/** Ops: send a failed order's failed supplier orders again, from a clean slate. */
export async function retryOrder(principal: Principal, orderId: string) {
  const source = `ops:${principal.email}`;
  const outboxIds = await db.$transaction(async (tx) => {
    const order = await tx.order.findUnique({ where: { id: orderId }, select: { id: true } });
    if (!order) throw new AppError("not_found", "Order not found");
    await lockOrder(tx, orderId);
    const failed = await tx.supplierOrder.findMany({ where: { orderId, status: "failed" }, select: { id: true } });
    if (failed.length === 0) throw new AppError("conflict", "Nothing to retry: no supplier order of this order has failed");
    const ids: OutboxRef[] = [];
    for (const so of failed) {
      await tx.supplierOrder.update({ where: { id: so.id }, data: { status: "pending", attempts: 0, lastError: null, cancelRequestedAt: null } });
      await tx.orderEvent.create({
        data: { orderId, supplierOrderId: so.id, type: "retry_requested", status: "pending", source, message: `Retry requested by ${principal.name}` },
      });
      ids.push(await enqueueInTx(tx, "forwardSupplierOrder", { supplierOrderId: so.id }));
    }
    ids.push(...(await recomputeOrderStatus(tx, orderId, source, null)).outboxIds);
    return ids;
  }, TX_OPTIONS);
  await dispatchOutbox(outboxIds);
  const order = await db.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { id: true, number: true, status: true, companyId: true, updatedAt: true },
  });
  await publishOrderUpdated(order);
  return order;
}
