import "server-only";
import { db } from "../../db/client";
import { log } from "../../logger";
import { afterOffersChanged } from "./after-offers-changed";

/**
 * afterOffersChanged (product stock, visibility, price, and the alerts that
 * hang on the stock) for a sync's changed products, all in one call: its
 * statements are set-based, so 100,000 products cost a few statements, not
 * a batch loop. A deadlock with a concurrent push recomputing the same
 * products is retried: both sides only recompute, so running again is safe.
 */
export async function notifyOffersChanged(productIds: readonly string[]) {
  // (Unsorted: its statements are set-based, so the ids' order decides no lock order; sorting 100,000 cost ~0.25 s.)
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return;
  await withDeadlockRetry(() => afterOffersChanged(ids));
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
