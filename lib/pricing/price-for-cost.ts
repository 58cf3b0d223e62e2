import { formatCents, toCents, type MoneyLike } from "../money";
import { markupCents } from "./apply-markup";
import { roundUp } from "./round-price";
import { selectRule } from "./select-rule";
import type { MarkupRuleInput, PricedProduct } from "./types";

/**
 * Used when no rule matches (no global rule set up yet): cost + 12 %, up to
 * the whole dollar, the portal's price before markup rules existed, so a
 * fresh database prices as it always did.
 */
export const DEFAULT_RULE: MarkupRuleInput = {
  id: "default",
  scope: "global",
  scopeValue: null,
  kind: "percent",
  value: 12,
  costTiers: null,
  rounding: "whole",
  priority: Number.MAX_SAFE_INTEGER,
};

export type PriceResult = { cents: number; rule: MarkupRuleInput };

/**
 * The reseller price for a supplier cost, in cents: the winning rule's markup
 * (select-rule.ts), floored at cost (a misconfigured rule never sells at a
 * loss), then rounded up to the rule's ending. Null when the cost is not a
 * positive amount: that is bad supplier data, and no price is better than 0.00.
 */
export function priceCentsForCost(costCents: number, product: PricedProduct, rules: readonly MarkupRuleInput[], tier?: string | null): PriceResult | null {
  if (!Number.isSafeInteger(costCents) || costCents <= 0) return null;
  const rule = selectRule(rules, product, tier) ?? DEFAULT_RULE;
  const marked = Math.max(costCents, markupCents(costCents, rule));
  return { cents: roundUp(marked, rule.rounding), rule };
}

/** priceCentsForCost for money strings: "230.00" in, "257.99" out; null for a cost ≤ 0 or not money at all. */
export function priceForCost(cost: MoneyLike, product: PricedProduct, rules: readonly MarkupRuleInput[], tier?: string | null): string | null {
  let cents: number;
  try {
    cents = toCents(cost);
  } catch {
    return null;
  }
  const r = priceCentsForCost(cents, product, rules, tier);
  return r ? formatCents(r.cents) : null;
}
