import "server-only";
import { bulkTransaction } from "./bulk-query";
import { planReprice, REPRICE_APPLIES, REPRICE_SET, type RepriceOptions } from "./plan-reprice";
import type { RepriceResult } from "./types";

export type { RepriceResult, RepriceOptions };

/**
 * Keep Product.price (the base, no-tier price) current: the routed offer's
 * cost through the markup rules. A move within the tolerance goes live; a
 * bigger one becomes a pending PriceChange and the price stays until ops
 * approve. Bulk: one read of the distinct price states, planned in memory
 * (plan-reprice.ts), and one statement writing prices and price changes,
 * whatever the number of products.
 */
export async function repriceProducts(productIds: string[], opts: RepriceOptions = {}): Promise<RepriceResult> {
  if (productIds.length === 0) return { applied: 0, changed: 0, proposed: 0, withdrawn: 0 };
  const [r] = await bulkTransaction(async (tx) => {
    const plan = await planReprice(tx, productIds, opts);
    // Each written row says whether its price moved (or only the cost it comes from), so ops hear how many prices changed.
    return tx.$queryRaw<RepriceResult[]>`
    WITH ${plan.ctes},
    "written" AS (
      UPDATE "Product" p SET ${REPRICE_SET}, "updatedAt" = now()
        FROM "reprice_apply" a
       WHERE p."id" = a."id" AND ${REPRICE_APPLIES}
      RETURNING (a."price" <> a."old_price") AS "moved"
    )
    SELECT (SELECT count(*) FROM "written")::int AS "applied", (SELECT count(*) FROM "written" WHERE "moved")::int AS "changed",
           (SELECT count(*) FROM "reprice_proposed")::int AS "proposed", (SELECT count(*) FROM "reprice_withdrawn")::int AS "withdrawn"`;
  });
  return r ?? { applied: 0, changed: 0, proposed: 0, withdrawn: 0 };
}
