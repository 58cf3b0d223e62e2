import "server-only";
import { db, type Tx } from "../../db/client";
import { REPRICE_APPLIES, REPRICE_SET, type RepricePlan } from "../../pricing/plan-reprice";
import type { RepriceResult } from "../../pricing/types";

/** Product stock = sum of its usable offers' stock not held for accepted offers (on a transaction's connection when given one). */
export async function recomputeProductStock(productIds: string[], client: Pick<Tx, "$executeRaw"> = db) {
  await client.$executeRaw`
    UPDATE "Product" p SET "stock" = s.total, "updatedAt" = now()
      FROM (
        SELECT p2."id", COALESCE(SUM(GREATEST(o."stock" - o."held", 0)) FILTER (WHERE o."active" AND sup."active"), 0)::int AS total
          FROM "Product" p2
          LEFT JOIN "SupplierOffer" o ON o."productId" = p2."id"
          LEFT JOIN "Supplier" sup ON sup."id" = o."supplierId"
         WHERE p2."id" = ANY(${productIds}::text[])
         GROUP BY p2."id"
      ) s
     WHERE p."id" = s."id" AND p."stock" <> s.total`;
}

/**
 * Stock (as recomputeProductStock), visibility and the base price in ONE
 * write per product: a product with no stock at any supplier is hidden from
 * ordering and comes back when stock returns, unless ops disabled it; its
 * price is what lib/pricing planned (plan-reprice.ts), whose price changes
 * are written by the same statement. Only rows whose stock, visibility or
 * price moves are written. One statement for any number of products (hash
 * joins over the set, not a probe per id), on the plan's transaction (it
 * reads the plan's "reprice_ids" and "reprice_state").
 *
 * The sum is read in the statement's snapshot. A product whose stock another
 * transaction changed after that snapshot (an order decrementing offer and
 * product together, or another refresh) is not written with the older sum,
 * which would lose that change: the UPDATE re-reads such a row once the
 * other writer commits, finds its stock no longer the one read, and leaves
 * it; it comes back in `skipped`, to be refreshed again from a new snapshot.
 */
export async function refreshProducts(tx: Tx, plan: RepricePlan): Promise<RefreshResult> {
  const [r] = await tx.$queryRaw<RefreshResult[]>`
    WITH ${plan.ctes},
    -- Grouped by the offers' productId (whose statistics the planner has), then every id: 0 where no offer counts.
    "offered" AS (
      SELECT o."productId", SUM(GREATEST(o."stock" - o."held", 0)) FILTER (WHERE o."active" AND sup."active")::int AS total
        FROM "reprice_ids" i
        JOIN "SupplierOffer" o ON o."productId" = i."id"
        JOIN "Supplier" sup ON sup."id" = o."supplierId"
       GROUP BY o."productId"
    ),
    -- With the product as the plan read it ("read", loadPriceStates), no later: whether it needs a write.
    "stock" AS (
      SELECT i."id", COALESCE(x.total, 0) AS total, i."stock" AS "read",
             i."stock" <> COALESCE(x.total, 0) OR i."active" <> (COALESCE(x.total, 0) > 0 AND NOT i."disabled")
               OR EXISTS (SELECT 1 FROM "reprice_apply" a WHERE a."id" = i."id") AS "wanted"
        FROM "reprice_ids" i LEFT JOIN "offered" x ON x."productId" = i."id"
    ),
    "written" AS (
      UPDATE "Product" p SET "stock" = s.total, "active" = (s.total > 0 AND NOT p."disabled"), ${REPRICE_SET}, "updatedAt" = now()
        FROM "stock" s LEFT JOIN "reprice_apply" a ON a."id" = s."id"
       WHERE p."id" = s."id" AND p."stock" = s."read"
         AND (p."stock" <> s.total OR p."active" <> (s.total > 0 AND NOT p."disabled") OR ${REPRICE_APPLIES})
      RETURNING p."id", s."wanted",
                a."id" IS NOT NULL AND p."price" = a."price" AND p."priceCost" = a."cost" AS "priced", a."price" <> a."old_price" AS "moved"
    ),
    -- Rows the plan said to write that were not written: another writer changed them meanwhile. Counted
    -- first, listed only when some are missing (the usual case costs two counts, not an anti-join).
    "wanted" AS (SELECT "id" FROM "stock" WHERE "wanted")
    SELECT (SELECT count(*) FROM "written")::int AS "written", (SELECT count(*) FROM "written" WHERE "priced")::int AS "applied",
           (SELECT count(*) FROM "written" WHERE "priced" AND "moved")::int AS "changed",
           (SELECT count(*) FROM "reprice_proposed")::int AS "proposed", (SELECT count(*) FROM "reprice_withdrawn")::int AS "withdrawn",
           CASE WHEN (SELECT count(*) FROM "wanted") = (SELECT count(*) FROM "written" WHERE "wanted") THEN '{}'::text[]
                ELSE (SELECT COALESCE(array_agg(w."id"), '{}') FROM "wanted" w WHERE NOT EXISTS (SELECT 1 FROM "written" x WHERE x."id" = w."id"))
           END AS "skipped"`;
  return r ?? { written: 0, applied: 0, changed: 0, proposed: 0, withdrawn: 0, skipped: [] };
}

/**
 * Rows written; as lib/pricing counts a reprice (RepriceResult), prices applied, moved, proposed and
 * withdrawn; and the products another writer changed while this ran (to be refreshed again).
 */
export type RefreshResult = RepriceResult & { written: number; skipped: string[] };
