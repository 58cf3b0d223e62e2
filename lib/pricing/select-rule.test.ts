import { describe, expect, it } from "vitest";
import { priceCentsForCost } from "./price-for-cost";
import { selectRule } from "./select-rule";
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

const global = rule("global", {});
const category = rule("category", { scope: "category", scopeValue: "phones" });
const apple = rule("apple", { scope: "brand", scopeValue: "Apple" });
const gold = rule("gold", { scope: "tier", scopeValue: "gold" });
const all = [global, category, apple, gold];

describe("selectRule precedence: tier > brand > category > global", () => {
  it("the most specific matching rule wins", () => {
    expect(selectRule(all, { brand: "Apple", category: "phones" }, "gold")?.id).toBe("gold");
    expect(selectRule(all, { brand: "Apple", category: "phones" }, "standard")?.id).toBe("apple");
    expect(selectRule(all, { brand: "Apple", category: "phones" })?.id).toBe("apple");
    expect(selectRule(all, { brand: "Samsung", category: "phones" })?.id).toBe("category");
    expect(selectRule(all, { brand: "Samsung", category: "tablets" })?.id).toBe("global");
    expect(selectRule([apple, category], { brand: "Google", category: "tablets" })).toBeNull();
  });

  it("order of the rows does not matter", () => {
    expect(selectRule([...all].reverse(), { brand: "Apple", category: "phones" }, "gold")?.id).toBe("gold");
    expect(selectRule([gold, apple, global, category], { brand: "Apple", category: "phones" })?.id).toBe("apple");
  });

  it("matches brand, category and tier case-insensitively", () => {
    expect(selectRule([apple], { brand: " apple ", category: "x" })?.id).toBe("apple");
    expect(selectRule([gold], { brand: "x", category: "x" }, "GOLD")?.id).toBe("gold");
  });

  it("within a scope the lowest priority wins, then the oldest, then the id", () => {
    const a = rule("a", { priority: 50 });
    const b = rule("b", { priority: 10 });
    expect(selectRule([a, b], { brand: "x", category: "y" })?.id).toBe("b");
    const old = rule("z-old", { createdAt: new Date("2025-01-01") });
    const young = rule("a-young", { createdAt: new Date("2025-06-01") });
    expect(selectRule([young, old], { brand: "x", category: "y" })?.id).toBe("z-old");
    expect(selectRule([rule("b2", {}), rule("a2", {})], { brand: "x", category: "y" })?.id).toBe("a2");
  });

  it("a tier rule needs the caller's tier; no tier never matches one", () => {
    expect(selectRule([gold], { brand: "Apple", category: "phones" }, null)).toBeNull();
    expect(selectRule([gold], { brand: "Apple", category: "phones" }, "silver")).toBeNull();
  });

  it("inactive rules never win", () => {
    expect(selectRule([{ ...apple, active: false }, global], { brand: "Apple", category: "phones" })?.id).toBe("global");
  });

  it("the winner's own rounding applies", () => {
    const rules = [rule("g", { value: 10, rounding: "whole" }), rule("b", { scope: "brand", scopeValue: "Apple", value: 10, rounding: ".99" })];
    expect(priceCentsForCost(20_000, { brand: "Apple", category: "phones" }, rules)?.cents).toBe(22_099);
    expect(priceCentsForCost(20_000, { brand: "Google", category: "phones" }, rules)?.cents).toBe(22_000);
  });
});
