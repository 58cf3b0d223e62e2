import "server-only";
import type { Tx } from "../db/client";
import { toCents } from "../money";
import type { PriceState } from "./plan-price-update";

/**
 * One distinct price state among a set of products: everything
 * planPriceUpdate (and the reason of a proposal) looks at. Products in the
 * same state get the same decision, so each state is planned once and its
 * decision joined back to its products in SQL by `key`.
 */
export type LoadedPriceState = PriceState & {
  /** The state as SQL renders it; equal keys, equal states. */
  key: string;
  routedSupplier: string | null;
  priceCost: string | null;
  /** How many of the products are in this state. */
  products: number;
};

/**
 * On the transaction `tx`, for the rest of it (temporary tables dropped at
 * commit): "reprice_ids", these products once each as this statement reads
 * them ("id", "brand", "category", "price", "priceCost", "stock", "active",
 * "disabled": what a later statement of the transaction compares with the row
 * it writes, to tell whether another writer moved it meanwhile), and
 * "reprice_state", the price state of each of them that has an offer to
 * route to (without one planPriceUpdate does nothing): the product, the
 * offer orders would be routed to (preferred = lowest priority number, then
 * cheapest, in stock, at an active supplier: the order of allocate-lines.ts),
 * the pending change and the last rejected one, and `key`. Returns the
 * distinct states. Three statements whatever the number of products, hash
 * joins over the set rather than a probe per product.
 */
export async function loadPriceStates(tx: Tx, productIds: readonly string[]): Promise<LoadedPriceState[]> {
  await tx.$executeRaw`
    CREATE TEMPORARY TABLE "reprice_ids" ON COMMIT DROP AS
    SELECT p."id", p."brand", p."category", p."price", p."priceCost", p."stock", p."active", p."disabled"
      FROM unnest(${[...new Set(productIds)]}::text[]) AS u("id") JOIN "Product" p ON p."id" = u."id"`;
  await tx.$executeRaw`
    CREATE TEMPORARY TABLE "reprice_state" ON COMMIT DROP AS
    SELECT st.*, json_build_array(st."brand", st."category", st."price", st."priceCost", st."routedCost", st."routedSupplier",
                                  st."pendingPrice", st."pendingCost", st."rejectedPrice")::text AS "key"
      FROM (
        SELECT p."id", p."brand", p."category", p."price", p."priceCost", r."cost" AS "routedCost", r."supplierName" AS "routedSupplier",
               pc."newPrice" AS "pendingPrice", pc."newCost" AS "pendingCost", rj."newPrice" AS "rejectedPrice"
          FROM "reprice_ids" p
          JOIN (
            SELECT DISTINCT ON (o."productId") o."productId", o."cost", s."name" AS "supplierName"
              FROM "reprice_ids" i2
              JOIN "SupplierOffer" o ON o."productId" = i2."id"
              JOIN "Supplier" s ON s."id" = o."supplierId"
             WHERE o."active" AND s."active" AND o."stock" > 0
             ORDER BY o."productId", o."priority", o."cost", o."id"
          ) r ON r."productId" = p."id"
          LEFT JOIN "PriceChange" pc ON pc."pendingFor" = p."id"
          LEFT JOIN (
            SELECT DISTINCT ON (x."productId") x."productId", x."newPrice"
              FROM "reprice_ids" i3 JOIN "PriceChange" x ON x."productId" = i3."id"
             WHERE x."status" = 'rejected'
             ORDER BY x."productId", x."decidedAt" DESC NULLS LAST, x."createdAt" DESC
          ) rj ON rj."productId" = p."id"
      ) st`;
  const rows = await tx.$queryRaw<
    {
      key: string;
      brand: string;
      category: string;
      price: string;
      priceCost: string | null;
      routedCost: string;
      routedSupplier: string;
      pendingPrice: string | null;
      pendingCost: string | null;
      rejectedPrice: string | null;
      products: number;
    }[]
  >`
    SELECT "key", min("brand") AS "brand", min("category") AS "category", min("price")::text AS "price", min("priceCost")::text AS "priceCost",
           min("routedCost")::text AS "routedCost", min("routedSupplier") AS "routedSupplier", min("pendingPrice")::text AS "pendingPrice",
           min("pendingCost")::text AS "pendingCost", min("rejectedPrice")::text AS "rejectedPrice", count(*)::int AS "products"
      FROM "reprice_state" GROUP BY "key"`;
  return rows.map((r) => ({
    key: r.key,
    brand: r.brand,
    category: r.category,
    priceCents: toCents(r.price),
    priceCost: r.priceCost,
    priceCostCents: r.priceCost === null ? null : toCents(r.priceCost),
    routedCostCents: toCents(r.routedCost),
    routedSupplier: r.routedSupplier,
    pending: r.pendingPrice === null || r.pendingCost === null ? null : { newPriceCents: toCents(r.pendingPrice), newCostCents: toCents(r.pendingCost) },
    lastRejected: r.rejectedPrice === null ? null : { newPriceCents: toCents(r.rejectedPrice) },
    products: r.products,
  }));
}
