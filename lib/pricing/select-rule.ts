import type { MarkupRuleInput, MarkupScope, PricedProduct } from "./types";

/**
 * Precedence: the most specific matching rule wins. A company-tier rule is the
 * whole price for that tier (it beats brand and category rules), then brand,
 * then category, then global. Among rules of the same scope the lowest
 * priority number wins, then the oldest, then the id, so the choice never
 * depends on the order rows come back in.
 */
export const SCOPE_RANK: Record<MarkupScope, number> = { tier: 3, brand: 2, category: 1, global: 0 };

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

export function ruleMatches(rule: MarkupRuleInput, product: PricedProduct, tier?: string | null): boolean {
  if (rule.active === false) return false;
  switch (rule.scope) {
    case "global":
      return true;
    case "brand":
      return same(rule.scopeValue, product.brand);
    case "category":
      return same(rule.scopeValue, product.category);
    case "tier":
      return same(rule.scopeValue, tier);
  }
}

export function selectRule<R extends MarkupRuleInput>(rules: readonly R[], product: PricedProduct, tier?: string | null): R | null {
  let best: R | null = null;
  for (const r of rules) {
    if (!ruleMatches(r, product, tier)) continue;
    if (!best || beats(r, best)) best = r;
  }
  return best;
}

function beats(a: MarkupRuleInput, b: MarkupRuleInput): boolean {
  const rank = SCOPE_RANK[a.scope] - SCOPE_RANK[b.scope];
  if (rank !== 0) return rank > 0;
  if (a.priority !== b.priority) return a.priority < b.priority;
  const at = a.createdAt?.getTime() ?? 0;
  const bt = b.createdAt?.getTime() ?? 0;
  if (at !== bt) return at < bt;
  return a.id < b.id;
}
