import "server-only";
import { db, type Tx } from "../../db/client";

/** Product stock = sum of its usable offers' stock (on a transaction's connection when given one). */
export async function recomputeProductStock(productIds: string[], client: Pick<Tx, "$executeRaw"> = db) {
  await client.$executeRaw`
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

/**
 * Stock (as recomputeProductStock) and visibility in one write per product:
 * a product with no stock at any supplier is hidden from ordering and comes
 * back when stock returns, unless ops disabled it. Only rows whose stock or
 * visibility moves are written. One statement for any number of products
 * (hash joins over the set, not a probe per id).
 */
export async function refreshProductStock(productIds: string[], client: Pick<Tx, "$executeRaw"> = db) {
  await client.$executeRaw`
    UPDATE "Product" p SET "stock" = s.total, "active" = (s.total > 0 AND NOT p."disabled"), "updatedAt" = now()
      FROM (
        SELECT p2."id", COALESCE(SUM(o."stock") FILTER (WHERE o."active" AND sup."active"), 0)::int AS total
          FROM "Product" p2
          LEFT JOIN "SupplierOffer" o ON o."productId" = p2."id"
          LEFT JOIN "Supplier" sup ON sup."id" = o."supplierId"
         WHERE p2."id" = ANY(${productIds}::text[])
         GROUP BY p2."id"
      ) s
     WHERE p."id" = s."id" AND (p."stock" <> s.total OR p."active" <> (s.total > 0 AND NOT p."disabled"))`;
}
