import "server-only";
import { db } from "../../db/client";
import { log } from "../../logger";
import { afterOffersChanged } from "./after-offers-changed";
import { refreshProductStock } from "./recompute-product-stock";

/** Product ids per afterOffersChanged call. */
export const NOTIFY_BATCH = 20_000;
/**
 * Batches in flight at once. The batches are disjoint sets of products, so
 * they touch disjoint rows; two keep both the database and Node busy (the
 * pricing step plans in JavaScript while the other batch runs its SQL).
 */
export const NOTIFY_PARALLEL = 2;

/**
 * afterOffersChanged (product stock, visibility, and what pricing/alerts hang
 * on it) for a sync's changed products, in batches. A deadlock with a
 * concurrent push recomputing the same products is retried: both sides only
 * recompute, so running again is safe.
 */
export async function notifyOffersChanged(productIds: readonly string[]) {
  const ids = [...new Set(productIds)].sort();
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += NOTIFY_BATCH) batches.push(ids.slice(i, i + NOTIFY_BATCH));
  // Stock and visibility of every product first, in one statement (one pass over products and offers
  // instead of one per batch); then alerts and repricing, which read that stock, batch by batch.
  const stockRefreshed = batches.length > 1;
  if (stockRefreshed) await withDeadlockRetry(() => refreshProductStock(ids));
  let next = 0;
  const lane = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      await withDeadlockRetry(() => afterOffersChanged(batch, { stockRefreshed }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(NOTIFY_PARALLEL, batches.length) }, lane));
}

async function withDeadlockRetry(step: () => Promise<unknown>) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (err) {
      if (attempt >= 3 || !/40P01|deadlock/i.test(String(err))) throw err;
      log.warn("afterOffersChanged deadlocked; retrying", { attempt });
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

/** After a run died between its commit and afterOffersChanged: every product this supplier offers. */
export async function notifyAllSupplierProducts(supplierId: string) {
  const rows = await db.$queryRaw<{ productId: string }[]>`SELECT DISTINCT "productId" FROM "SupplierOffer" WHERE "supplierId" = ${supplierId}`;
  await notifyOffersChanged(rows.map((r) => r.productId));
}
