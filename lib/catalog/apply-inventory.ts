import "server-only";
import { db } from "../db/client";
import type { InventoryItem } from "../suppliers/types";
import { afterOffersChanged } from "./after-offers-changed";

/**
 * Apply a supplier's stock and cost snapshot to its offers, in bulk: one
 * statement updates every offer whose snapshot is newer than what we hold
 * (an older push never overwrites a newer one), then product stock is
 * recomputed as the sum of usable offers. Items for products we do not carry
 * yet are counted, not created (product import decides what we sell).
 */
export async function applyInventoryItems(supplierId: string, items: InventoryItem[], asOf: Date) {
  if (items.length === 0) return { seen: 0, changed: 0, unmatched: 0 };
  const skus = items.map((i) => i.supplierSku);
  const qty = items.map((i) => Math.max(0, Math.trunc(i.quantity)));
  const cost = items.map((i) => i.unitPrice);
  const changedRows = await db.$queryRaw<{ productId: string }[]>`
    WITH incoming AS (
      SELECT * FROM unnest(${skus}::text[], ${qty}::int[], ${cost}::numeric[]) AS t(sku, qty, cost)
    )
    UPDATE "SupplierOffer" o
       SET "stock" = i.qty, "cost" = i.cost, "sourceUpdatedAt" = ${asOf}, "updatedAt" = now()
      FROM incoming i
     WHERE o."supplierId" = ${supplierId} AND o."supplierSku" = i.sku
       AND (o."sourceUpdatedAt" IS NULL OR o."sourceUpdatedAt" <= ${asOf})
       AND (o."stock" <> i.qty OR o."cost" <> i.cost OR o."sourceUpdatedAt" IS DISTINCT FROM ${asOf})
    RETURNING o."productId"`;
  const matched = await db.supplierOffer.count({ where: { supplierId, supplierSku: { in: skus } } });
  const productIds = [...new Set(changedRows.map((r) => r.productId))];
  if (productIds.length) await afterOffersChanged(productIds);
  return { seen: items.length, changed: changedRows.length, unmatched: items.length - matched };
}

/** Product stock = sum of its usable offers' stock. */
export async function recomputeProductStock(productIds: string[]) {
  await db.$executeRaw`
    UPDATE "Product" p SET "stock" = s.total, "updatedAt" = now()
      FROM (
        SELECT p2."id", COALESCE(SUM(o."stock") FILTER (WHERE o."active" AND sup."active"), 0)::int AS total
          FROM "Product" p2
          LEFT JOIN "SupplierOffer" o ON o."productId" = p2."id"
          LEFT JOIN "Supplier" sup ON sup."id" = o."supplierId"
         WHERE p2."id" = ANY(${productIds}::text[])
         GROUP BY p2."id"
      ) s
     WHERE p."id" = s."id" AND p."stock" <> s.total`;
}
