import { describe, expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import { resolveTerms, type OfferRuleRow } from "./resolve-terms";

const product = { brand: "Apple", model: "iPhone 13", grade: "B", category: "phones", offerTerms: null };
const rule = (over: Partial<OfferRuleRow>): OfferRuleRow => ({
  id: over.name ?? "r",
  name: "r",
  brand: null,
  model: null,
  grade: null,
  category: null,
  floorPercent: null,
  autoAcceptPercent: null,
  expiryHours: null,
  priority: 100,
  active: true,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  ...over,
});
const d = (v: string) => new Prisma.Decimal(v);

describe("resolveTerms", () => {
  it("takes the first matching rule's percentages of the list price; matchers ignore case; empty matchers match all", () => {
    const rules = [
      rule({ name: "samsung", brand: "Samsung", floorPercent: d("50") }),
      rule({ name: "apple-b", brand: "apple", grade: " b ", floorPercent: d("80"), autoAcceptPercent: d("95"), expiryHours: 12 }),
      rule({ name: "all", floorPercent: d("60") }),
    ];
    expect(resolveTerms(product, 20000, rules)).toEqual({ floorCents: 16000, autoAcceptCents: 19000, expiryHours: 12 });
    expect(resolveTerms({ ...product, grade: "A" }, 20000, rules)).toEqual({ floorCents: 12000, autoAcceptCents: null, expiryHours: null });
  });

  it("lets the product's own terms win field by field, and skips inactive rules", () => {
    const rules = [rule({ active: false, floorPercent: d("99") }), rule({ floorPercent: d("80"), autoAcceptPercent: d("95"), expiryHours: 6 })];
    const own = { ...product, offerTerms: { floor: d("150.00"), autoAccept: null, expiryHours: null } };
    expect(resolveTerms(own, 20000, rules)).toEqual({ floorCents: 15000, autoAcceptCents: 19000, expiryHours: 6 });
    expect(resolveTerms(product, 20000, [])).toEqual({ floorCents: null, autoAcceptCents: null, expiryHours: null });
  });

  it("rounds a percentage to the cent", () => {
    expect(resolveTerms(product, 333, [rule({ floorPercent: d("33.33") })]).floorCents).toBe(111);
  });
});
