import { describe, expect, it } from "vitest";
import { DEFAULT_RULE, priceCentsForCost, priceForCost } from "./price-for-cost";
import { addPercent, bandFor } from "./apply-markup";
import type { MarkupRuleInput } from "./types";

let n = 0;
const rule = (over: Partial<MarkupRuleInput>): MarkupRuleInput => ({
  id: `r${++n}`,
  scope: "global",
  scopeValue: null,
  kind: "percent",
  value: 10,
  costTiers: null,
  rounding: "none",
  priority: 100,
  ...over,
});
const phone = { brand: "Apple", category: "phones" };

describe("percent rules", () => {
  it("adds the percentage, rounding a fraction of a cent up", () => {
    expect(priceForCost("200.00", phone, [rule({ value: 10 })])).toBe("220.00");
    expect(priceForCost("100.00", phone, [rule({ value: 12.5 })])).toBe("112.50");
    // 33.33 × 1.10 = 36.663 → 36.67
    expect(priceForCost("33.33", phone, [rule({ value: 10 })])).toBe("36.67");
    expect(priceForCost("100.00", phone, [rule({ value: "7.25" })])).toBe("107.25");
  });

  it("integer math: no float drift", () => {
    // 250 × 1.12 = 280.00000000000006 as a float
    expect(priceForCost("250.00", phone, [rule({ value: 12, rounding: "whole" })])).toBe("280.00");
    expect(addPercent(1_000_000_000_00, 15)).toBe(1_150_000_000_00);
  });

  it("0 % sells at cost", () => {
    expect(priceForCost("199.99", phone, [rule({ value: 0 })])).toBe("199.99");
  });
});

describe("fixed rules", () => {
  it("adds dollars to cost", () => {
    expect(priceForCost("230.00", phone, [rule({ kind: "fixed", value: "15.50" })])).toBe("245.50");
    expect(priceForCost("230.00", phone, [rule({ kind: "fixed", value: 20, rounding: ".99" })])).toBe("250.99");
  });
});

describe("cost-range tiers", () => {
  const tiers = rule({
    kind: "tiers",
    costTiers: [
      { upTo: null, percent: 8 },
      { upTo: "100.00", percent: 20 },
      { upTo: "300.00", fixed: "25.00" },
    ],
  });

  it("picks the band by cost, upTo inclusive, open band last whatever the order given", () => {
    expect(priceForCost("50.00", phone, [tiers])).toBe("60.00");
    expect(priceForCost("100.00", phone, [tiers])).toBe("120.00");
    expect(priceForCost("100.01", phone, [tiers])).toBe("125.01");
    expect(priceForCost("300.00", phone, [tiers])).toBe("325.00");
    expect(priceForCost("500.00", phone, [tiers])).toBe("540.00");
  });

  it("beyond every bounded band the last band applies", () => {
    const bounded = [
      { upTo: "100.00", percent: 20 },
      { upTo: "200.00", percent: 10 },
    ];
    expect(bandFor(50_000, bounded)).toEqual(bounded[1]);
    expect(priceForCost("500.00", phone, [rule({ kind: "tiers", costTiers: bounded })])).toBe("550.00");
  });

  it("a band may combine percent and fixed", () => {
    expect(priceForCost("100.00", phone, [rule({ kind: "tiers", costTiers: [{ upTo: null, percent: 10, fixed: "5" }] })])).toBe("115.00");
  });

  it("no bands at all sells at cost (rounded)", () => {
    expect(priceForCost("100.10", phone, [rule({ kind: "tiers", costTiers: [], rounding: "whole" })])).toBe("101.00");
  });
});

describe("rounding edges through the engine", () => {
  it("230.01 → 230.99 and an exact .99 stays", () => {
    expect(priceForCost("230.01", phone, [rule({ value: 0, rounding: ".99" })])).toBe("230.99");
    expect(priceForCost("230.99", phone, [rule({ value: 0, rounding: ".99" })])).toBe("230.99");
    expect(priceForCost("231.00", phone, [rule({ value: 0, rounding: ".99" })])).toBe("231.99");
  });

  it("rounds after the markup", () => {
    // 210 × 1.10 = 231.00 → 231.99
    expect(priceForCost("210.00", phone, [rule({ value: 10, rounding: ".99" })])).toBe("231.99");
    // 209.99 × 1.10 = 230.989 → 230.99 (already on the ending)
    expect(priceForCost("209.99", phone, [rule({ value: 10, rounding: ".99" })])).toBe("230.99");
    expect(priceForCost("209.99", phone, [rule({ value: 10, rounding: ".49/.99" })])).toBe("230.99");
    expect(priceForCost("200.00", phone, [rule({ value: 10, rounding: ".49/.99" })])).toBe("220.49");
  });
});

describe("guards", () => {
  it("zero, negative and non-money costs have no price", () => {
    expect(priceForCost("0.00", phone, [rule({})])).toBeNull();
    expect(priceForCost("-5.00", phone, [rule({})])).toBeNull();
    expect(priceForCost(0, phone, [rule({})])).toBeNull();
    expect(priceForCost("abc", phone, [rule({})])).toBeNull();
    expect(priceForCost(Number.NaN, phone, [rule({})])).toBeNull();
    expect(priceCentsForCost(1.5, phone, [rule({})])).toBeNull();
  });

  it("never below cost, whatever a hand-written rule says", () => {
    expect(priceForCost("200.00", phone, [rule({ value: -30 })])).toBe("200.00");
    expect(priceForCost("200.00", phone, [rule({ kind: "fixed", value: "-50.00" })])).toBe("200.00");
    expect(priceForCost("200.00", phone, [rule({ value: -30, rounding: ".99" })])).toBe("200.99");
  });

  it("the smallest cost still prices", () => {
    expect(priceForCost("0.01", phone, [rule({ value: 10 })])).toBe("0.02");
    expect(priceForCost("0.01", phone, [rule({ value: 0, rounding: ".99" })])).toBe("0.99");
  });

  it("with no rules the default applies: +12 %, up to the dollar", () => {
    expect(priceForCost("459.00", phone, [])).toBe("515.00");
    expect(priceForCost("250.00", phone, [])).toBe("280.00");
    expect(priceCentsForCost(45_900, phone, [])?.rule).toBe(DEFAULT_RULE);
  });

  it("inactive rules are ignored", () => {
    expect(priceForCost("100.00", phone, [rule({ value: 50, active: false })])).toBe("112.00");
  });
});
