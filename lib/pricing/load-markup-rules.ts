import "server-only";
import { db, type Tx } from "../db/client";
import type { MarkupRule } from "../db/generated/client";
import type { CostTier, MarkupRuleInput } from "./types";

/** A MarkupRule row as the pure engine takes it. */
export function toRuleInput(r: MarkupRule): MarkupRuleInput {
  return {
    id: r.id,
    scope: r.scope,
    scopeValue: r.scopeValue,
    kind: r.kind,
    value: r.value === null ? null : r.value.toString(),
    costTiers: Array.isArray(r.costTiers) ? (r.costTiers as CostTier[]) : null,
    rounding: r.rounding,
    priority: r.priority,
    active: r.active,
    createdAt: r.createdAt,
  };
}

/**
 * The active rules, for priceForCost. The table is small (tens of rows), so
 * callers load it once per request or per sync batch and price in memory.
 */
export async function loadMarkupRules(client: Pick<Tx, "markupRule"> = db): Promise<MarkupRuleInput[]> {
  const rows = await client.markupRule.findMany({ where: { active: true }, orderBy: [{ priority: "asc" }, { createdAt: "asc" }] });
  return rows.map(toRuleInput);
}

/** A company's tier and the rules, for the prices that company sees and pays. */
export async function loadCompanyPricing(companyId: string | null): Promise<{ tier: string | null; rules: MarkupRuleInput[] }> {
  const [company, rules] = await Promise.all([
    companyId ? db.company.findUnique({ where: { id: companyId }, select: { tier: true } }) : null,
    loadMarkupRules(),
  ]);
  return { tier: company?.tier ?? null, rules };
}
