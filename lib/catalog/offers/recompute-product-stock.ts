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
