import "server-only";
import { auditActor, recordAudit } from "../audit/record-audit";
import { db, TX_OPTIONS } from "../db/client";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";

/**
 * Ops decide on a pending price change. Approve: the product takes the new
 * price and the cost it came from (so tier prices follow). Reject: the price
 * stays, and the same price is not proposed again (plan-price-update.ts).
 * Only a change still pending can be decided: two ops clicking at once, or a
 * change a later sync replaced, get 409.
 */
export async function reviewPriceChange(principal: Principal, id: string, decision: "approve" | "reject") {
  return db.$transaction(async (tx) => {
    const change = await tx.priceChange.findUnique({
      where: { id },
      select: { id: true, productId: true, oldPrice: true, newPrice: true, newCost: true, status: true, product: { select: { sku: true, price: true } } },
    });
    if (!change) throw new AppError("not_found", "Price change not found");
    const claimed = await tx.priceChange.updateMany({
      where: { id, status: "pending" },
      data: { status: decision === "approve" ? "approved" : "rejected", pendingFor: null, decidedBy: principal.email, decidedAt: new Date() },
    });
    if (claimed.count === 0) throw new AppError("conflict", `This price change is already ${change.status}`);
    if (decision === "approve") {
      await tx.product.update({ where: { id: change.productId }, data: { price: change.newPrice, priceCost: change.newCost } });
    }
    await recordAudit(tx, {
      actor: auditActor(principal),
      action: decision === "approve" ? "price_change.approved" : "price_change.rejected",
      entityType: "price_change",
      entityId: id,
      before: { status: change.status, sku: change.product.sku, price: change.product.price.toString() },
      after: {
        status: decision === "approve" ? "approved" : "rejected",
        sku: change.product.sku,
        price: (decision === "approve" ? change.newPrice : change.product.price).toString(),
        proposed: change.newPrice.toString(),
      },
    });
    return { id, status: decision === "approve" ? ("approved" as const) : ("rejected" as const) };
  }, TX_OPTIONS);
}
