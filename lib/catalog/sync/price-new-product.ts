import "server-only";
import type { Tx } from "../../db/client";
import { priceForCost } from "../../pricing";
import { loadMarkupRules } from "../../pricing/load-markup-rules";

/**
 * Prices for products a catalog sync creates: the markup rules (lib/pricing)
 * loaded once per sync, applied in memory. Null for a cost that cannot be
 * priced (0 or not money): such an item gets no product rather than a
 * product at 0.00.
 */
export async function newProductPricer(tx: Tx): Promise<(p: { cost: string; brand: string; category: string }) => string | null> {
  const rules = await loadMarkupRules(tx);
  return (p) => priceForCost(p.cost, { brand: p.brand, category: p.category }, rules);
}
