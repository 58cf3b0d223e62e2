import "server-only";
import { db } from "../db/client";
import { toCents } from "../money";
import type { PriceState } from "./plan-price-update";

export type LoadedPriceState = PriceState & { productId: string; routedSupplier: string | null; priceCost: string | null };

/**
 * Everything planPriceUpdate needs for these products, in three queries
 * whatever their number: the product, the offer orders would be routed to
 * (preferred = lowest priority number, then cheapest, in stock, at an active
 * supplier: the order of allocate-lines.ts), the pending change and the last
 * rejected one.
 */
export async function loadPriceStates(productIds: string[]): Promise<LoadedPriceState[]> {
  const [rows, pending, rejected] = await Promise.all([
    db.$queryRaw<{ id: string; brand: string; category: string; price: string; priceCost: string | null; cost: string | null; supplierName: string | null }[]>`
      SELECT p."id", p."brand", p."category", p."price"::text AS "price", p."priceCost"::text AS "priceCost",
             r."cost"::text AS "cost", r."supplierName"
        FROM "Product" p
        -- One set-based pass (not a per-product LATERAL), so the plan stays good even before the
        -- tables are analyzed, as right after a bulk load.
        LEFT JOIN (
          SELECT DISTINCT ON (o."productId") o."productId", o."cost", s."name" AS "supplierName"
            FROM "SupplierOffer" o JOIN "Supplier" s ON s."id" = o."supplierId"
           WHERE o."productId" = ANY(${productIds}::text[]) AND o."active" AND s."active" AND o."stock" > 0
           ORDER BY o."productId", o."priority", o."cost", o."id"
        ) r ON r."productId" = p."id"
       WHERE p."id" = ANY(${productIds}::text[])`,
    // Raw "= ANY(array)": one bind parameter, where Prisma's `in` would send one per id.
    db.$queryRaw<{ productId: string; newPrice: string; newCost: string }[]>`
      SELECT "productId", "newPrice"::text AS "newPrice", "newCost"::text AS "newCost"
        FROM "PriceChange" WHERE "pendingFor" = ANY(${productIds}::text[])`,
    db.$queryRaw<{ productId: string; newPrice: string }[]>`
      SELECT DISTINCT ON ("productId") "productId", "newPrice"::text AS "newPrice"
        FROM "PriceChange"
       WHERE "productId" = ANY(${productIds}::text[]) AND "status" = 'rejected'
       ORDER BY "productId", "decidedAt" DESC NULLS LAST, "createdAt" DESC`,
  ]);
  const pendingOf = new Map(pending.map((c) => [c.productId, { newPriceCents: toCents(c.newPrice), newCostCents: toCents(c.newCost) }]));
  const rejectedOf = new Map(rejected.map((c) => [c.productId, { newPriceCents: toCents(c.newPrice) }]));
  return rows.map((r) => ({
    productId: r.id,
    brand: r.brand,
    category: r.category,
    priceCents: toCents(r.price),
    priceCost: r.priceCost,
    priceCostCents: r.priceCost === null ? null : toCents(r.priceCost),
    routedCostCents: r.cost === null ? null : toCents(r.cost),
    routedSupplier: r.supplierName,
    pending: pendingOf.get(r.id) ?? null,
    lastRejected: rejectedOf.get(r.id) ?? null,
  }));
}
