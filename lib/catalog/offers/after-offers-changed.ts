import "server-only";
import { log } from "../../logger";
import { bulkTransaction } from "../../pricing/bulk-query";
import { planReprice } from "../../pricing/plan-reprice";
import { getSettings } from "../../settings/settings";
import { refreshProducts } from "./recompute-product-stock";
import { evaluateStockAlerts } from "./evaluate-stock-alerts";

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
 */
export async function afterOffersChanged(productIds: readonly string[]) {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return;
  const settings = await getSettings();
  const prices = await bulkTransaction(async (tx) => {
    const plan = await planReprice(tx, ids, { tolerancePercent: settings.priceTolerancePercent });
    return refreshProducts(tx, plan);
  });
  const alerts = await evaluateStockAlerts(ids, settings.lowStockThreshold);
  if (alerts || prices.proposed) log.info("offers changed", { products: ids.length, alerts, ...prices });
}
