import "server-only";
import type { Prisma, Tx } from "../../db/client";
import { newProductPricer } from "./price-new-product";

/** Product.category's default: supplier feeds carry no category, and this portal sells phones. */
const DEFAULT_CATEGORY = "phones";

/**
 * Products for supplier items a catalog sync sees for the first time (no
 * offer at this supplier, no product with that SKU), named from the
 * supplier's data and priced from cost through the markup rules. They start hidden with stock 0;
 * afterOffersChanged shows them once their offer's stock counts.
 * Returns how many were created.
 */
export async function createNewProducts(tx: Tx, incoming: Prisma.Sql, supplierId: string): Promise<number> {
  const fresh = await tx.$queryRaw<
    { sku: string; name: string; brand: string; model: string; storage: string; color: string; grade: string; cost: string; currency: string }[]
  >`
    WITH incoming AS (${incoming})
    SELECT DISTINCT ON (i."sku") i."sku", i."name", i."brand", i."model", i."storage", i."color", i."grade", i."cost"::text AS cost, i."currency"
      FROM incoming i
     WHERE NOT EXISTS (SELECT 1 FROM "SupplierOffer" o WHERE o."supplierId" = ${supplierId} AND o."supplierSku" = i."supplierSku")
       AND NOT EXISTS (SELECT 1 FROM "Product" p WHERE p."sku" = i."sku")
     ORDER BY i."sku", i."supplierSku"`;
  if (fresh.length === 0) return 0;
  // Prices are computed here, not in SQL: the markup rules live in TypeScript.
  const priceOf = await newProductPricer(tx);
  const rows = fresh.flatMap((r) => {
    const price = priceOf({ cost: r.cost, brand: r.brand, category: DEFAULT_CATEGORY });
    return price === null ? [] : [{ ...r, price }];
  });
  if (rows.length === 0) return 0;
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  return tx.$executeRaw`
    INSERT INTO "Product" ("id", "sku", "name", "brand", "model", "storage", "color", "grade", "price", "priceCost", "currency", "stock", "active", "updatedAt")
    SELECT gen_random_uuid()::text, t.*, 0, false, now()
      FROM unnest(${col("sku")}::text[], ${col("name")}::text[], ${col("brand")}::text[], ${col("model")}::text[], ${col("storage")}::text[],
                  ${col("color")}::text[], ${col("grade")}::text[], ${col("price")}::numeric[], ${col("cost")}::numeric[], ${col("currency")}::text[])
        AS t("sku", "name", "brand", "model", "storage", "color", "grade", "price", "priceCost", "currency")
    ON CONFLICT ("sku") DO NOTHING`;
}
