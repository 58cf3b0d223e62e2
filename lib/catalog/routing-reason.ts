import { effectiveCost, fitsPrice, routingScore, sortOffers, type Allocation, type OfferForRouting, type RoutingPolicy } from "./allocate-lines";

/**
 * Why a line went where it went, in words for ops (the order's timeline: resellers never see it,
 * since it names suppliers). Pure: the same offers, quantity and policy allocateLine used.
 */
export function explainRouting<O extends OfferForRouting>(
  offers: readonly O[],
  quantity: number,
  allocations: readonly Allocation<O>[],
  policy: RoutingPolicy,
  nameOf: (o: O) => string,
): string {
  const chosen = allocations[0]?.offer;
  if (!chosen) return "no offer in stock";
  if (allocations.length > 1) {
    return `split over ${allocations.map((a) => `${nameOf(a.offer)} (${a.quantity})`).join(", ")}: no single offer had ${quantity} in stock`;
  }
  const name = nameOf(chosen);
  const others = offers.filter((o) => o.stock > 0 && o.id !== chosen.id);
  if (others.length === 0) return `${name}: the only offer in stock`;
  const ranked = sortOffers([chosen, ...others], policy);
  const ahead = ranked.slice(0, ranked.indexOf(chosen));
  if (ahead.length > 0) {
    const first = ahead[0]!;
    return `${name}: ${nameOf(first)} ranks first but has only ${first.stock} in stock`;
  }
  const next = ranked[1]!;
  const other = nameOf(next);
  if (next.priority !== chosen.priority) return `${name}: preferred supplier (priority ${chosen.priority}, ${other} ${next.priority})`;
  const cost = Number(chosen.cost);
  const otherCost = Number(next.cost);
  const costs = `${chosen.cost} vs ${next.cost} at ${other}`;
  if (policy.mode !== "cost_score") return cost < otherCost ? `${name}: cheapest in stock (${costs})` : `${name}: same cost as ${other} (${chosen.cost})`;
  if (!fitsPrice(chosen, policy)) return `${name}: cheapest in stock (${costs}); no offer fits the price, so scores were not weighed`;
  if (!fitsPrice(next, policy)) return `${name}: ${other} costs more than the line's price (${costs})`;
  const s = scoreText(chosen, policy);
  const t = scoreText(next, policy);
  const eff = `effective ${effectiveCost(chosen, policy).toFixed(2)} vs ${effectiveCost(next, policy).toFixed(2)}`;
  if (cost > otherCost) {
    return `${name}: score ${s} outweighs a ${pct(cost, otherCost)} higher cost than ${other} (score ${t}; ${costs}; ${eff})`;
  }
  if (cost === otherCost) return `${name}: same cost as ${other}, better score (${s} vs ${t})`;
  if (routingScore(chosen, policy) >= routingScore(next, policy)) return `${name}: cheapest in stock and the better score (${s} vs ${t}; ${costs})`;
  return `${name}: ${pct(otherCost, cost)} cheaper than ${other}, which outweighs its score ${s} against ${t} (${costs}; ${eff})`;
}

/** The timeline's sentence for an order's routing: one clause per line. */
export function routingMessage(lines: readonly { sku: string; reason: string }[], policy: RoutingPolicy): string {
  return `Routing (${policy.mode === "cost_score" ? "cost plus score" : "cost only"}): ${lines.map((l) => `${l.sku} → ${l.reason}`).join("; ")}`;
}

function scoreText(o: OfferForRouting, policy: RoutingPolicy): string {
  const s = Math.round(routingScore(o, policy));
  return o.score === null || o.score === undefined ? `${s} (neutral: too little history)` : String(s);
}

function pct(higher: number, lower: number): string {
  return `${(((higher - lower) / lower) * 100).toFixed(1)} %`;
}
