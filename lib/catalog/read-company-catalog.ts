import "server-only";
import { db } from "../db/client";
import { loadCompanyPricing } from "../pricing/load-markup-rules";
import type { CatalogProduct, CompanyPricing } from "./catalog-view";

/**
 * Products (not taken off sale by ops) with their usable offers (active offers of active
 * suppliers, less what accepted offers hold, as order intake reads them), found by SKU (case-insensitive), by id, or by brand
 * (normalised as lib/quick-order/match-rows.ts compares brands), in ONE statement, and the
 * company's pricing. The caller prices and routes them with lib/catalog/catalog-view.ts.
 */
export async function readCompanyCatalog(
  companyId: string,
  by: { skus?: string[]; ids?: string[]; brands?: string[] },
): Promise<{ products: CatalogProduct[]; pricing: CompanyPricing }> {
  const skus = [...new Set((by.skus ?? []).map((s) => s.toUpperCase()))];
  const ids = [...new Set(by.ids ?? [])];
  const brands = [...new Set(by.brands ?? [])];
  const [products, pricing] = await Promise.all([
    skus.length || ids.length || brands.length
      ? db.$queryRaw<CatalogProduct[]>`
          SELECT p."id", p."sku", p."name", p."brand", p."model", p."storage", p."color", p."grade", p."category",
                 p."price"::text AS "price", p."priceCost"::text AS "priceCost", p."stock", p."active",
                 COALESCE((SELECT json_agg(json_build_object('id', o."id", 'supplierId', o."supplierId", 'supplierSku', o."supplierSku",
                                   'cost', o."cost"::text, 'stock', GREATEST(o."stock" - o."held", 0), 'priority', o."priority"))
                             FROM "SupplierOffer" o JOIN "Supplier" s ON s."id" = o."supplierId"
                            WHERE o."productId" = p."id" AND o."active" AND s."active"), '[]'::json) AS "offers"
            FROM "Product" p
           WHERE NOT p."disabled"
             AND (upper(p."sku") = ANY(${skus}::text[]) OR p."id" = ANY(${ids}::text[])
                  OR lower(regexp_replace(p."brand", '[[:space:]_.-]+', '', 'g')) = ANY(${brands}::text[]))
           ORDER BY p."sku"`
      : Promise.resolve([]),
    loadCompanyPricing(companyId),
  ]);
  return { products, pricing };
}
