/**
 * JSON shapes of the pricing, stock-alert and import APIs as the browser
 * sees them (type-only imports: nothing server-side reaches the bundle).
 */
import type { CjImportReport } from "../catalog/import-cj-products";
import type { PriceListImportReport } from "../catalog/import-price-list";
import type { PriceListError } from "../catalog/price-list-csv";
import type { listStockAlerts } from "../catalog/list-stock-alerts";
import type { listPriceChanges } from "../pricing/list-price-changes";
import type { MarkupRuleDto } from "../pricing/serialize-rule";
import type { Settings } from "../settings/schemas";

export type MarkupRuleView = MarkupRuleDto;
export type PriceChangeView = Awaited<ReturnType<typeof listPriceChanges>>["data"][number];
export type StockAlertView = Awaited<ReturnType<typeof listStockAlerts>>["data"][number];
export type StockAlertsPage = Awaited<ReturnType<typeof listStockAlerts>>;
export type ImportReport = CjImportReport;
export type PriceListReport = PriceListImportReport;
export type PriceListErrorView = PriceListError;
export type OpsSettings = Settings;
