import "server-only";
import { Prisma, type Tx } from "../../db/client";
import { DEFAULT_CATEGORY, newProductPricer, type NewProductPricer } from "./price-new-product";

/** What a product is created from: our SKU, the attributes a supplier gave, and that supplier's cost. */
export type NewProduct = {
  sku: string;
  name: string;
  brand: string;
  model: string;
  storage: string;
  color: string;
  grade: string;
  cost: string;
  currency?: string;
};

/**
 * The one place products are created (scheduled sync, price list, CJ
 * import). Each is priced from cost by the one pricing policy
 * (price-new-product.ts) and starts hidden with stock 0: afterOffersChanged
 * shows it once an offer's stock counts. A SKU that exists already (another
 * writer, another supplier) is left as it is. Returns the SKUs it could not
 * price (no product for them) and how many it created.
 */
export async function createProducts(tx: Tx, products: readonly NewProduct[], priceOf?: NewProductPricer): Promise<{ created: number; unpriced: string[] }> {
  if (products.length === 0) return { created: 0, unpriced: [] };
  const price = priceOf ?? (await newProductPricer(tx));
  const unpriced: string[] = [];
  const rows = [...new Map(products.map((p) => [p.sku, p])).values()].flatMap((p) => {
    const at = price({ cost: p.cost, brand: p.brand, category: DEFAULT_CATEGORY });
    if (at === null) unpriced.push(p.sku);
    return at === null ? [] : [{ ...p, currency: p.currency ?? "USD", price: at }];
  });
  if (rows.length === 0) return { created: 0, unpriced };
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  const created = await tx.$executeRaw`
    INSERT INTO "Product" ("id", "sku", "name", "brand", "model", "storage", "color", "grade", "price", "priceCost", "currency", "stock", "active", "updatedAt")
    SELECT gen_random_uuid()::text, t.*, 0, false, now()
      FROM unnest(${col("sku")}::text[], ${col("name")}::text[], ${col("brand")}::text[], ${col("model")}::text[], ${col("storage")}::text[],
                  ${col("color")}::text[], ${col("grade")}::text[], ${col("price")}::numeric[], ${col("cost")}::numeric[], ${col("currency")}::text[])
        AS t("sku", "name", "brand", "model", "storage", "color", "grade", "price", "priceCost", "currency")
    ON CONFLICT ("sku") DO NOTHING`;
  return { created, unpriced };
}

/**
 * Products for the supplier items of a sync seen for the first time (no offer
 * at this supplier under that supplier SKU, no product with that SKU), priced
 * by the same policy as createProducts. The policy prices a (cost, brand)
 * pair, and a feed has far fewer pairs than items: only the pairs cross to
 * Node and back, and the products are inserted straight from the feed.
 * Unlike createProducts' they start with the stock (and visibility) of the
 * offer the same transaction inserts for them from the same feed row (the
 * first by supplier SKU, as that insert picks), so the refresh that follows
 * (afterOffersChanged, which still checks them) finds nothing to rewrite:
 * 100,000 product rows are written once instead of twice on a first load.
 */
export async function createNewProducts(tx: Tx, incoming: Prisma.Sql, supplierId: string): Promise<number> {
  const fresh = Prisma.sql`
    SELECT DISTINCT ON (i."sku") i."sku", i."name", i."brand", i."model", i."storage", i."color", i."grade", i."cost", i."currency", i."quantity"
      FROM incoming i
     WHERE NOT EXISTS (SELECT 1 FROM "SupplierOffer" o WHERE o."supplierId" = ${supplierId} AND o."supplierSku" = i."supplierSku")
       AND NOT EXISTS (SELECT 1 FROM "Product" p WHERE p."sku" = i."sku")
     ORDER BY i."sku", i."supplierSku"`;
  const pairs = await tx.$queryRaw<{ cost: string; brand: string }[]>`
    WITH incoming AS (${incoming}), fresh AS (${fresh})
    SELECT DISTINCT "cost"::text AS cost, "brand" FROM fresh WHERE "cost" IS NOT NULL`;
  if (pairs.length === 0) return 0;
  const price = await newProductPricer(tx);
  const priced = pairs.flatMap((p) => {
    const at = price({ cost: p.cost, brand: p.brand, category: DEFAULT_CATEGORY });
    return at === null ? [] : [{ ...p, price: at }];
  });
  if (priced.length === 0) return 0;
  return tx.$executeRaw`
    WITH incoming AS (${incoming}), fresh AS (${fresh}),
    priced AS (
      SELECT * FROM unnest(${priced.map((p) => p.cost)}::numeric[], ${priced.map((p) => p.brand)}::text[], ${priced.map((p) => p.price)}::numeric[])
        AS t("cost", "brand", "price")
    )
    INSERT INTO "Product" ("id", "sku", "name", "brand", "model", "storage", "color", "grade", "price", "priceCost", "currency", "stock", "active", "updatedAt")
    SELECT gen_random_uuid()::text, f."sku", f."name", f."brand", f."model", f."storage", f."color", f."grade", pr."price", f."cost",
           COALESCE(f."currency", 'USD'), f."quantity", f."quantity" > 0, now()
      FROM fresh f JOIN priced pr ON pr."cost" = f."cost" AND pr."brand" = f."brand"
    ON CONFLICT ("sku") DO NOTHING`;
}
