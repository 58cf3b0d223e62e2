/**
 * Route order lines to supplier offers: for each line, the preferred offer
 * (lowest priority number) in stock, ties broken by cost; a line larger than
 * any one offer is split across offers in that order. Pure, so it is tested
 * without a database.
 *
 * Two routing modes (ops choose, lib/settings/scorecard-schema.ts):
 * - "cost" (the default): within a priority, the lowest cost wins.
 * - "cost_score": within a priority, the lowest *effective* cost wins, where
 *   effective cost = cost × (1 + scoreWeight × (1 − score / 100)) and score is
 *   the supplier's scorecard score (0–100; the neutral score when it has too
 *   little history). With scoreWeight 0.2 a supplier scoring 100 is taken at
 *   its cost and one scoring 50 as if it cost 10 % more. Only offers whose cost
 *   fits the line's price (cost ≤ the reseller's unit price) compete on score:
 *   one that does not fit comes after them, by cost, so the score never routes a
 *   line at a loss.
 * Priority stays first in both modes: it is the order ops set by hand
 * (contracts, a supplier they trust), and an automatic figure does not
 * overrule a human one. The score decides among offers of equal priority;
 * ops who want it to decide between two suppliers give their offers the same
 * priority.
 */
export type OfferForRouting = {
  id: string;
  supplierId: string;
  supplierSku: string;
  cost: string;
  stock: number;
  priority: number;
  /** The supplier's cached scorecard score (0–100), null when it has none yet (neutral). Only "cost_score" reads it. */
  score?: number | null;
};
export type Allocation<O extends OfferForRouting = OfferForRouting> = { offer: O; quantity: number };

export type RoutingMode = "cost" | "cost_score";
export type RoutingPolicy = {
  mode: RoutingMode;
  /** How much a score below 100 adds to an offer's cost (0.2: a score of 0 counts as 20 % dearer). */
  scoreWeight: number;
  /** The score of a supplier with too little history. */
  neutralScore: number;
  /** The line's unit price: in "cost_score" mode only offers at or below it compete on score. */
  maxCost?: number | null;
};

/** Today's routing: priority, then cost. */
export const COST_ONLY: RoutingPolicy = { mode: "cost", scoreWeight: 0, neutralScore: 50 };

/** The score routing uses for an offer's supplier. */
export function routingScore(o: Pick<OfferForRouting, "score">, policy: RoutingPolicy): number {
  return o.score === null || o.score === undefined || !Number.isFinite(o.score) ? policy.neutralScore : Math.min(100, Math.max(0, o.score));
}

/** What an offer counts as costing under the policy (its cost in "cost" mode). */
export function effectiveCost(o: Pick<OfferForRouting, "cost" | "score">, policy: RoutingPolicy): number {
  const cost = Number(o.cost);
  if (policy.mode !== "cost_score") return cost;
  return cost * (1 + policy.scoreWeight * (1 - routingScore(o, policy) / 100));
}

/** Whether the offer competes on score (its cost fits the line's price, when one is given). */
export function fitsPrice(o: Pick<OfferForRouting, "cost">, policy: RoutingPolicy): boolean {
  return policy.maxCost === null || policy.maxCost === undefined || Number(o.cost) <= policy.maxCost + 1e-9;
}

export function sortOffers<O extends OfferForRouting>(offers: O[], policy: RoutingPolicy = COST_ONLY): O[] {
  if (policy.mode !== "cost_score") {
    return [...offers].sort((a, b) => a.priority - b.priority || Number(a.cost) - Number(b.cost) || a.id.localeCompare(b.id));
  }
  const keyed = offers.map((o) => ({ o, fits: fitsPrice(o, policy), eff: effectiveCost(o, policy) }));
  keyed.sort(
    (a, b) =>
      a.o.priority - b.o.priority ||
      Number(b.fits) - Number(a.fits) ||
      (a.fits ? a.eff - b.eff : 0) ||
      Number(a.o.cost) - Number(b.o.cost) ||
      a.o.id.localeCompare(b.o.id),
  );
  return keyed.map((k) => k.o);
}

/** Allocations for `quantity`, or null with what is available when stock falls short. */
export function allocateLine<O extends OfferForRouting>(
  offers: O[],
  quantity: number,
  policy: RoutingPolicy = COST_ONLY,
): { ok: true; allocations: Allocation<O>[] } | { ok: false; available: number } {
  const usable = sortOffers(
    offers.filter((o) => o.stock > 0),
    policy,
  );
  const whole = usable.find((o) => o.stock >= quantity);
  if (whole) return { ok: true, allocations: [{ offer: whole, quantity }] };
  const allocations: Allocation<O>[] = [];
  let left = quantity;
  for (const o of usable) {
    if (left === 0) break;
    const take = Math.min(o.stock, left);
    allocations.push({ offer: o, quantity: take });
    left -= take;
  }
  if (left > 0) return { ok: false, available: quantity - left };
  return { ok: true, allocations };
}
