import { toCents } from "../money";
import type { CostTier, MarkupRuleInput } from "./types";

/** Parts per million, so 12.5 % (and 12.3456 %) stay integers. */
const PPM = 1_000_000n;

/** cost × (1 + percent/100), in integer math, rounded up to the cent. */
export function addPercent(costCents: number, percent: number | string | { toString(): string }): number {
  const ppm = BigInt(Math.round(Number(percent.toString()) * 10_000));
  const num = BigInt(costCents) * (PPM + ppm);
  // Ceiling division; a negative percent (only from a hand-written row) may not go below zero.
  const q = num >= 0n ? (num + PPM - 1n) / PPM : num / PPM;
  return Math.max(0, Number(q));
}

/** The band a cost falls in: the first (by upTo, open band last) whose upTo it does not exceed; the last band beyond all. */
export function bandFor(costCents: number, tiers: CostTier[]): CostTier | null {
  if (tiers.length === 0) return null;
  const sorted = [...tiers].sort((a, b) => limit(a) - limit(b));
  return sorted.find((t) => costCents <= limit(t)) ?? sorted[sorted.length - 1]!;
}

const limit = (t: CostTier) => (t.upTo === null || t.upTo === undefined ? Number.POSITIVE_INFINITY : toCents(t.upTo));

function apply(costCents: number, percent: unknown, fixed: unknown): number {
  let cents = costCents;
  if (percent !== null && percent !== undefined && percent !== "") cents = addPercent(cents, percent as string);
  if (fixed !== null && fixed !== undefined && fixed !== "") cents += toCents(fixed as string);
  return cents;
}

/** Cost plus the rule's markup, before rounding and the never-below-cost floor. */
export function markupCents(costCents: number, rule: Pick<MarkupRuleInput, "kind" | "value" | "costTiers">): number {
  switch (rule.kind) {
    case "percent":
      return apply(costCents, rule.value ?? 0, null);
    case "fixed":
      return apply(costCents, null, rule.value ?? 0);
    case "tiers": {
      const band = bandFor(costCents, rule.costTiers ?? []);
      return band ? apply(costCents, band.percent, band.fixed) : costCents;
    }
  }
}
