import "server-only";
import { db, type Tx } from "../db/client";

/**
 * What each product would be routed at now: the cost of the offer order routing prefers
 * (lib/catalog/allocate-lines.ts sortOffers: priority, then cost, then id) among active offers of
 * active suppliers with stock not held. productId → cost ("231.00"), absent when none has stock.
 * Costs are our sourcing: never shown to a buyer (offers show them to ops; the catalog prices from them).
 */
export async function routedCosts(productIds: readonly string[], client: Pick<Tx, "$queryRaw"> = db): Promise<Map<string, string>> {
  if (productIds.length === 0) return new Map();
  const rows = await client.$queryRaw<{ productId: string; cost: string }[]>`
    SELECT DISTINCT ON (o."productId") o."productId", o."cost"::text AS "cost"
      FROM "SupplierOffer" o JOIN "Supplier" s ON s."id" = o."supplierId"
     WHERE o."productId" = ANY(${[...new Set(productIds)]}::text[]) AND o."active" AND s."active" AND o."stock" - o."held" > 0
     ORDER BY o."productId", o."priority", o."cost", o."id"`;
  return new Map(rows.map((r) => [r.productId, r.cost]));
}
