import "server-only";
import type { Tx } from "../../db/client";
import { priceForCost } from "../../pricing";
import { loadMarkupRules } from "../../pricing/load-markup-rules";
import type { MarkupRuleInput } from "../../pricing/types";

/** Product.category's default: supplier feeds carry no category, and this portal sells phones. */
export const DEFAULT_CATEGORY = "phones";

export type NewProductPricer = (p: { cost: string; brand: string; category?: string }) => string | null;

/**
 * The one pricing policy for a product the catalog does not have yet, whoever
 * creates it (sync, price list, CJ import): its cost through the markup rules
 * (lib/pricing; with no rule, the engine's default markup), the cost recorded
 * as priceCost. Null for a cost that cannot be priced (0 or not money): such
 * an item gets no product rather than a product at 0.00.
 */
export function pricerFor(rules: readonly MarkupRuleInput[]): NewProductPricer {
  return (p) => priceForCost(p.cost, { brand: p.brand, category: p.category ?? DEFAULT_CATEGORY }, rules);
}

/** The markup rules loaded once (per sync or import), applied in memory. */
export async function newProductPricer(tx?: Tx): Promise<NewProductPricer> {
  return pricerFor(await loadMarkupRules(tx));
}
