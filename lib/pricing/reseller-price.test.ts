import { describe, expect, it } from "vitest";
import { resellerPriceCents } from "./reseller-price";
import type { MarkupRuleInput } from "./types";

const rule = (id: string, over: Partial<MarkupRuleInput>): MarkupRuleInput => ({
  id,
  scope: "global",
  scopeValue: null,
  kind: "percent",
  value: 10,
  costTiers: null,
  rounding: "none",
  priority: 100,
  ...over,
});
const rules = [rule("global", { value: 20 }), rule("gold", { scope: "tier", scopeValue: "gold", value: 5, rounding: ".99" })];
const p = { brand: "Apple", category: "phones", price: "240.00", priceCost: "200.00" };

describe("resellerPriceCents", () => {
  it("without a tier, or a tier without a rule, is the base price", () => {
    expect(resellerPriceCents(p, rules, null)).toBe(24_000);
    expect(resellerPriceCents(p, rules, "standard")).toBe(24_000);
  });

  it("a tier rule prices from the cost the base price came from", () => {
    // 200 × 1.05 = 210.00 → 210.99
    expect(resellerPriceCents(p, rules, "gold")).toBe(21_099);
    // The live cost is ignored while priceCost is known (a pending change must not leak into tier prices).
    expect(resellerPriceCents({ ...p, routedCost: "300.00" }, rules, "gold")).toBe(21_099);
  });

  it("falls back to the routed cost, then to the base price", () => {
    expect(resellerPriceCents({ ...p, priceCost: null, routedCost: "100.00" }, rules, "gold")).toBe(10_599);
    expect(resellerPriceCents({ ...p, priceCost: null }, rules, "gold")).toBe(24_000);
  });
});
