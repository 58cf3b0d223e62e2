import { describe, expect, it } from "vitest";
import { overTolerance, planPriceUpdate, type PriceState } from "./plan-price-update";
import type { MarkupRuleInput } from "./types";

// cost + 20 %, no rounding: cost 100.00 → 120.00
const rules: MarkupRuleInput[] = [{ id: "g", scope: "global", scopeValue: null, kind: "percent", value: 20, costTiers: null, rounding: "none", priority: 1 }];
const state = (over: Partial<PriceState> = {}): PriceState => ({
  brand: "Apple",
  category: "phones",
  priceCents: 12_000,
  priceCostCents: 10_000,
  routedCostCents: 10_000,
  pending: null,
  lastRejected: null,
  ...over,
});
const plan = (s: PriceState, tolerancePercent = 10, gate = true) => planPriceUpdate(s, rules, { tolerancePercent, gate });

describe("overTolerance", () => {
  it("strictly more than the tolerance", () => {
    expect(overTolerance(10_000, 11_000, 10)).toBe(false);
    expect(overTolerance(10_000, 11_001, 10)).toBe(true);
    expect(overTolerance(10_000, 8_999, 10)).toBe(true);
    expect(overTolerance(10_000, 9_000, 10)).toBe(false);
    expect(overTolerance(10_000, 10_001, 0)).toBe(true);
    expect(overTolerance(10_000, 10_750, 7.5)).toBe(false);
    expect(overTolerance(0, 10_000, 10)).toBe(false);
  });
});

describe("planPriceUpdate", () => {
  it("nothing to do when price and cost basis are current", () => {
    expect(plan(state())).toEqual({ action: "none" });
  });

  it("nothing in stock: the price waits", () => {
    expect(plan(state({ routedCostCents: null }))).toEqual({ action: "none" });
  });

  it("a bad cost proposes nothing", () => {
    expect(plan(state({ routedCostCents: 0 }))).toEqual({ action: "none" });
  });

  it("within tolerance applies at once", () => {
    // cost 108 → 129.60, +8 %
    expect(plan(state({ routedCostCents: 10_800 }))).toEqual({ action: "apply", priceCents: 12_960, costCents: 10_800, withdrawPending: false });
  });

  it("exactly at the tolerance still applies", () => {
    // cost 110 → 132.00, exactly +10 %
    expect(plan(state({ routedCostCents: 11_000 }))).toMatchObject({ action: "apply", priceCents: 13_200 });
  });

  it("over tolerance (up or down) proposes instead", () => {
    expect(plan(state({ routedCostCents: 11_001 }))).toEqual({ action: "propose", priceCents: 13_202, costCents: 11_001 });
    expect(plan(state({ routedCostCents: 8_000 }))).toEqual({ action: "propose", priceCents: 9_600, costCents: 8_000 });
  });

  it("without the gate (ops changed the rules) any move applies", () => {
    expect(plan(state({ routedCostCents: 20_000 }), 10, false)).toMatchObject({ action: "apply", priceCents: 24_000 });
  });

  it("the same proposal again changes nothing; a different one refreshes it", () => {
    const pending = { newPriceCents: 15_600, newCostCents: 13_000 };
    expect(plan(state({ routedCostCents: 13_000, pending }))).toEqual({ action: "none" });
    expect(plan(state({ routedCostCents: 14_000, pending }))).toEqual({ action: "propose", priceCents: 16_800, costCents: 14_000 });
  });

  it("back within tolerance withdraws the pending change", () => {
    const pending = { newPriceCents: 15_600, newCostCents: 13_000 };
    expect(plan(state({ routedCostCents: 10_100, pending }))).toEqual({ action: "apply", priceCents: 12_120, costCents: 10_100, withdrawPending: true });
    expect(plan(state({ pending }))).toEqual({ action: "apply", priceCents: 12_000, costCents: 10_000, withdrawPending: true });
  });

  it("a rejected price is not proposed again", () => {
    expect(plan(state({ routedCostCents: 13_000, lastRejected: { newPriceCents: 15_600 } }))).toEqual({ action: "none" });
    expect(plan(state({ routedCostCents: 13_000, lastRejected: { newPriceCents: 15_600 }, pending: { newPriceCents: 16_800, newCostCents: 14_000 } }))).toEqual(
      { action: "withdraw" },
    );
    expect(plan(state({ routedCostCents: 14_000, lastRejected: { newPriceCents: 15_600 } }))).toMatchObject({ action: "propose", priceCents: 16_800 });
  });

  it("records the cost basis when only it changed", () => {
    expect(plan(state({ priceCostCents: null }))).toEqual({ action: "apply", priceCents: 12_000, costCents: 10_000, withdrawPending: false });
  });
});
