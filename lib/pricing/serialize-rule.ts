import type { MarkupRule } from "../db/generated/client";
import type { CostTier } from "./types";

/** A rule as the API answers it: money and percentages as strings/numbers, dates ISO. */
export function serializeRule(r: MarkupRule) {
  return {
    id: r.id,
    name: r.name,
    scope: r.scope,
    scopeValue: r.scopeValue,
    kind: r.kind,
    value: r.value === null ? null : Number(r.value.toString()),
    costTiers: (r.costTiers as CostTier[] | null) ?? null,
    rounding: r.rounding,
    priority: r.priority,
    active: r.active,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
export type MarkupRuleDto = ReturnType<typeof serializeRule>;
