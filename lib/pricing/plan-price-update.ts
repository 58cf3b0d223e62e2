import { priceCentsForCost } from "./price-for-cost";
import type { MarkupRuleInput, PricedProduct } from "./types";

/**
 * What to do with one product's base price after its offers or the rules
 * changed. Pure, so every branch is unit-tested; reprice-products.ts runs it
 * in bulk and writes the outcome.
 */
export type PriceState = PricedProduct & {
  priceCents: number;
  priceCostCents: number | null;
  /** Cost of the offer orders would be routed to now (preferred, in stock); null when none is. */
  routedCostCents: number | null;
  /** The change waiting for approval, if any. */
  pending: { newPriceCents: number; newCostCents: number } | null;
  /** The last change ops rejected, if any. */
  lastRejected: { newPriceCents: number } | null;
};

export type PriceDecision =
  | { action: "none" }
  /** Set the price (and the cost it came from); withdraw any pending change. */
  | { action: "apply"; priceCents: number; costCents: number; withdrawPending: boolean }
  /** Over tolerance: record (or refresh) the pending change; the live price stays. */
  | { action: "propose"; priceCents: number; costCents: number }
  /** Nothing to propose any more (back to a price ops rejected): withdraw the pending change. */
  | { action: "withdraw" };

/**
 * `gate` false applies any move at once (ops changed the rules themselves).
 * Over tolerance means strictly more than `tolerancePercent` of the current
 * price: exactly 10 % on a 10 % tolerance goes live.
 */
export function planPriceUpdate(s: PriceState, rules: readonly MarkupRuleInput[], opts: { tolerancePercent: number; gate: boolean }): PriceDecision {
  // Nothing in stock to route to: the product is hidden, its price waits for stock.
  if (s.routedCostCents === null) return { action: "none" };
  const next = priceCentsForCost(s.routedCostCents, s, rules);
  if (!next) return { action: "none" };
  const cost = s.routedCostCents;
  if (next.cents === s.priceCents) {
    // Same price: still record the cost it now comes from, and drop a stale proposal.
    if (s.priceCostCents !== cost || s.pending) return { action: "apply", priceCents: next.cents, costCents: cost, withdrawPending: !!s.pending };
    return { action: "none" };
  }
  if (!opts.gate || !overTolerance(s.priceCents, next.cents, opts.tolerancePercent)) {
    return { action: "apply", priceCents: next.cents, costCents: cost, withdrawPending: !!s.pending };
  }
  // Ops already said no to exactly this price: do not ask again until it differs.
  if (s.lastRejected?.newPriceCents === next.cents) return s.pending ? { action: "withdraw" } : { action: "none" };
  if (s.pending && s.pending.newPriceCents === next.cents && s.pending.newCostCents === cost) return { action: "none" };
  return { action: "propose", priceCents: next.cents, costCents: cost };
}

/** |new − old| > tolerance % of old, in integer math. A product without a price yet (0) is never gated. */
export function overTolerance(oldCents: number, newCents: number, tolerancePercent: number): boolean {
  if (oldCents <= 0) return false;
  const hundredths = Math.round(tolerancePercent * 100);
  return Math.abs(newCents - oldCents) * 10_000 > hundredths * oldCents;
}
