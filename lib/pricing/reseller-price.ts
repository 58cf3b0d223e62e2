import { toCents, type MoneyLike } from "../money";
import { priceCentsForCost } from "./price-for-cost";
import { selectRule } from "./select-rule";
import type { MarkupRuleInput, PricedProduct } from "./types";

export type ProductForResellerPrice = PricedProduct & {
  /** The approved base price (Product.price). */
  price: MoneyLike;
  /** The cost the base price was computed from (Product.priceCost). */
  priceCost: MoneyLike | null;
  /** The routed offer's cost now, used only when priceCost was never recorded. */
  routedCost?: MoneyLike | null;
};

/**
 * What a company of `tier` pays, in cents: the base price, unless a rule for
 * that tier matches, then that rule applied to the cost the base price was
 * computed from. Starting from the approved cost (not the live one) means a
 * cost jump waiting for approval moves no tier's price either. The catalog
 * (GET /api/products) and order placement both call this, so an order is
 * charged what the reseller was shown.
 */
export function resellerPriceCents(p: ProductForResellerPrice, rules: readonly MarkupRuleInput[], tier: string | null | undefined): number {
  const base = toCents(p.price);
  if (!tier) return base;
  const rule = selectRule(rules, p, tier);
  if (!rule || rule.scope !== "tier") return base;
  const basis = p.priceCost ?? p.routedCost;
  if (basis === null || basis === undefined) return base;
  return priceCentsForCost(toCents(basis), p, [rule], tier)?.cents ?? base;
}
