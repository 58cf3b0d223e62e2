import { z } from "zod";
import { Facts } from "./facts";
import { appUrl, label } from "./schemas";
import { textFacts } from "./text";

/**
 * What low-stock and out-of-stock alerts (to ops) share: which SKU, at which
 * supplier, how many left, and where to look.
 */
export const stockAlertBase = z.object({
  appUrl,
  sku: label,
  productName: label.nullish(),
  supplierName: label,
  /** The supplier's own SKU when it differs from ours, for searching their portal. */
  supplierSku: label.nullish(),
  quantity: z.number().int().nonnegative(),
});
export type StockAlertBase = z.output<typeof stockAlertBase>;

export const sampleStock = {
  appUrl: "http://localhost:3000",
  sku: "IPHONE12-64GB-A",
  productName: "iPhone 12 64GB Grade A",
  supplierName: "PhoneX",
  supplierSku: "PX-IP12-64-A",
};

/** The ops alerts page, filtered to this SKU (its alerts, the offer's stock now, whether it is on sale). */
export function productUrl(p: StockAlertBase): string {
  return `${p.appUrl}/ops/alerts?q=${encodeURIComponent(p.sku)}`;
}

type Extra = [string, string | number | null | undefined][];

function rows(p: StockAlertBase, extra: Extra): [string, string | number | null | undefined][] {
  return [["SKU", p.sku], ["Product", p.productName], ["Supplier", p.supplierName], ["Supplier SKU", p.supplierSku], ["Quantity", p.quantity], ...extra];
}

export function StockFacts({ p, extra = [] }: { p: StockAlertBase; extra?: Extra }) {
  return <Facts rows={rows(p, extra)} />;
}

export function stockFactsText(p: StockAlertBase, extra: Extra = []): string {
  return textFacts(rows(p, extra));
}
