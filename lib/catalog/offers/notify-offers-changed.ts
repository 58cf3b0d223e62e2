import "server-only";
import { db } from "../../db/client";
import { log } from "../../logger";
import { afterOffersChanged } from "./after-offers-changed";

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
  let next = 0;
  const lane = async () => {
    while (next < batches.length) await withDeadlockRetry(batches[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(NOTIFY_PARALLEL, batches.length) }, lane));
}

async function withDeadlockRetry(batch: string[]) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await afterOffersChanged(batch);
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
