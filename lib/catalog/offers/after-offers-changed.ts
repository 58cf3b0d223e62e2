import "server-only";
import { log } from "../../logger";
import { bulkTransaction } from "../../pricing/bulk-query";
import { planReprice } from "../../pricing/plan-reprice";
import { getSettings } from "../../settings/settings";
import { refreshProducts } from "./recompute-product-stock";
import { evaluateStockAlerts } from "./evaluate-stock-alerts";

/** Refreshes of the products that raced another writer, at most (each pass retries only those). */
const REFRESH_PASSES = 5;

/**
 * Everything that follows a change to supplier offers (sync, push, import,
 * order reservation), in this order:
 * 1. product stock = sum of usable offers;
 * 2. a product with no stock at any supplier is hidden from ordering and
 *    comes back when stock returns, unless ops disabled it (`disabled`);
 * 3. the base price follows the routed offer's cost through the markup rules,
 *    big moves waiting for approval (lib/pricing/plan-reprice.ts);
 * 4. low-stock / out-of-stock alerts, once per crossing (evaluate-stock-alerts.ts),
 *    which read the product stock just written.
 * Steps 1–3 are one transaction: the products' distinct price states read
 * and planned once each, then ONE statement writing each product's stock,
 * visibility and price in one row write, with the price changes. Every step is set-based
 * (a fixed number of statements, whatever the number of products) and
 * idempotent: calling it twice for the same state changes nothing the second time.
 * A product another writer changed while steps 1–3 ran is left by them and
 * refreshed again from a new snapshot (recompute-product-stock.ts), so an
 * order placed during a big sync keeps its decrement.
 */
export async function afterOffersChanged(productIds: readonly string[]) {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return;
  const settings = await getSettings();
  const refresh = (of: readonly string[]) =>
    bulkTransaction(async (tx) => {
      const plan = await planReprice(tx, of, { tolerancePercent: settings.priceTolerancePercent });
      return refreshProducts(tx, plan);
    });
  const { skipped, ...prices } = await refresh(ids);
  // Products another writer changed while that ran (an order, a concurrent refresh): again, from a new
  // snapshot. Few, and each pass only retries those written under it again; bounded all the same.
  for (let again = skipped, pass = 1; again.length > 0; pass++) {
    if (pass > REFRESH_PASSES) {
      log.warn("product refresh kept racing other writers; the next change to their offers refreshes them", { products: again.length });
      break;
    }
    again = (await refresh(again)).skipped;
  }
  const alerts = await evaluateStockAlerts(ids, settings.lowStockThreshold);
  if (alerts || prices.proposed) log.info("offers changed", { products: ids.length, alerts, ...prices });
}
