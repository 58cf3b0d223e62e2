import "server-only";
import { log } from "../../logger";
import { repriceProducts } from "../../pricing/reprice-products";
import { getSettings } from "../../settings/settings";
import { refreshProductStock } from "./recompute-product-stock";
import { evaluateStockAlerts } from "./evaluate-stock-alerts";

/** Large syncs are handled in slices so no statement carries 100,000 ids. */
const BATCH = 20_000;

/**
 * Everything that follows a change to supplier offers (sync, push, import,
 * order reservation), in this order:
 * 1. product stock = sum of usable offers;
 * 2. a product with no stock at any supplier is hidden from ordering and
 *    comes back when stock returns, unless ops disabled it (`disabled`);
 * 3. low-stock / out-of-stock alerts, once per crossing (evaluate-stock-alerts.ts);
 * 4. the base price follows the routed offer's cost through the markup rules,
 *    big moves waiting for approval (lib/pricing/reprice-products.ts).
 * Every step is bulk and idempotent: calling it twice for the same state
 * changes nothing the second time.
 */
export async function afterOffersChanged(productIds: string[], opts: { stockRefreshed?: boolean } = {}) {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return;
  const settings = await getSettings();
  for (let i = 0; i < ids.length; i += BATCH) {
    const slice = ids.slice(i, i + BATCH);
    // Steps 1 and 2 in one write per product (done already for the whole set when the caller says so).
    if (!opts.stockRefreshed) await refreshProductStock(slice);
    // Alerts (which read the product stock just computed) write only offers and
    // their own tables; repricing writes only product prices: side by side.
    const [alerts, prices] = await Promise.all([
      evaluateStockAlerts(slice, settings.lowStockThreshold),
      repriceProducts(slice, { tolerancePercent: settings.priceTolerancePercent }),
    ]);
    if (alerts || prices.proposed) log.info("offers changed", { products: slice.length, alerts, ...prices });
  }
}
