import "server-only";
import { db } from "../db/client";
import { adapterFor } from "../suppliers/load-supplier";
import { applySupplierUpdate } from "./apply-supplier-update";
import { isOpen } from "./status-model";

/**
 * Ask the supplier where an order stands and apply the answer through the
 * status model, exactly as a webhook would be. Used for suppliers without
 * webhooks and as the safety net for missed ones.
 */
export async function pollSupplierOrder(supplierOrderId: string) {
  const so = await db.supplierOrder.findUnique({
    where: { id: supplierOrderId },
    select: { id: true, status: true, reference: true, supplierId: true, supplierOrderId: true },
  });
  if (!so || !isOpen(so.status) || so.status === "pending") return { result: "skipped" as const };
  const { adapter, config } = await adapterFor({ id: so.supplierId }, so.id);
  const snap = await adapter.getOrder({ reference: so.reference, supplierOrderId: so.supplierOrderId });
  const r = await applySupplierUpdate({
    supplierOrderId: so.id,
    status: snap.status,
    externalOrderId: snap.supplierOrderId,
    trackingNumber: snap.trackingNumber,
    carrier: snap.carrier,
    trackingUrl: snap.trackingUrl,
    source: `poll:${config.slug}`,
  });
  return { result: r.applied ? ("applied" as const) : ("unchanged" as const) };
}
