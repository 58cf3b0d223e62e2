import { describe, expect, it } from "vitest";
import { allocateLine, COST_ONLY, effectiveCost, routingScore, sortOffers, type OfferForRouting, type RoutingPolicy } from "./allocate-lines";

const offer = (id: string, o: Partial<OfferForRouting>): OfferForRouting => ({
  id,
  supplierId: `s-${id}`,
  supplierSku: id,
  cost: "100.00",
  stock: 10,
  priority: 100,
  ...o,
});

describe("allocateLine", () => {
  it("takes the preferred offer that has the whole quantity", () => {
    const r = allocateLine([offer("cheap", { cost: "90.00", priority: 200 }), offer("preferred", { priority: 1 })], 5);
    expect(r).toEqual({ ok: true, allocations: [{ offer: expect.objectContaining({ id: "preferred" }), quantity: 5 }] });
  });
  it("breaks priority ties by cost", () => {
    const r = allocateLine([offer("dear", { cost: "120.00" }), offer("cheap", { cost: "95.50" })], 1);
    expect(r.ok && r.allocations[0]!.offer.id).toBe("cheap");
  });
  it("skips an offer without enough stock for one that has it", () => {
    const r = allocateLine([offer("first", { priority: 1, stock: 2 }), offer("second", { priority: 2, stock: 50 })], 10);
    expect(r.ok && r.allocations.map((a) => [a.offer.id, a.quantity])).toEqual([["second", 10]]);
  });
  it("splits a line no single offer can fill", () => {
    const r = allocateLine([offer("a", { priority: 1, stock: 6 }), offer("b", { priority: 2, stock: 6 })], 10);
    expect(r.ok && r.allocations.map((a) => [a.offer.id, a.quantity])).toEqual([
      ["a", 6],
      ["b", 4],
    ]);
  });
  it("reports what is available when stock falls short", () => {
    expect(allocateLine([offer("a", { stock: 3 }), offer("b", { stock: 0 })], 5)).toEqual({ ok: false, available: 3 });
    expect(allocateLine([], 1)).toEqual({ ok: false, available: 0 });
  });
});

describe("routing by cost plus score", () => {
  const policy: RoutingPolicy = { mode: "cost_score", scoreWeight: 0.2, neutralScore: 50 };
  it("takes a dearer supplier whose score outweighs the cost difference, and the cheaper one in cost-only mode", () => {
    const offers = [offer("cheap-poor", { cost: "97.00", score: 40 }), offer("dear-good", { cost: "100.00", score: 92 })];
    // 97 × (1 + 0.2 × 0.6) = 108.64 against 100 × (1 + 0.2 × 0.08) = 101.60
    expect(effectiveCost(offers[0]!, policy)).toBeCloseTo(108.64, 6);
    expect(effectiveCost(offers[1]!, policy)).toBeCloseTo(101.6, 6);
    expect(sortOffers(offers, policy).map((o) => o.id)).toEqual(["dear-good", "cheap-poor"]);
    expect(sortOffers(offers).map((o) => o.id)).toEqual(["cheap-poor", "dear-good"]);
    expect(sortOffers(offers, COST_ONLY).map((o) => o.id)).toEqual(["cheap-poor", "dear-good"]);
  });
  it("keeps the cheaper one when the cost gap is larger than the score's weight", () => {
    const offers = [offer("much-cheaper", { cost: "80.00", score: 40 }), offer("good", { cost: "100.00", score: 92 })];
    expect(sortOffers(offers, policy)[0]!.id).toBe("much-cheaper");
  });
  it("counts a supplier without a score as neutral", () => {
    expect(routingScore({ score: null }, policy)).toBe(50);
    expect(effectiveCost(offer("new", { cost: "100.00", score: null }), policy)).toBeCloseTo(110, 6);
    expect(sortOffers([offer("new", { cost: "100.00", score: null }), offer("ok", { cost: "100.00", score: 60 })], policy)[0]!.id).toBe("ok");
  });
  it("still puts priority first: the score decides among offers of one priority", () => {
    const offers = [offer("preferred-poor", { priority: 1, score: 10 }), offer("other-good", { priority: 2, score: 100, cost: "50.00" })];
    expect(sortOffers(offers, policy)[0]!.id).toBe("preferred-poor");
  });
  it("lets only offers that fit the line's price compete on score", () => {
    const offers = [offer("fits", { cost: "95.00", score: 20 }), offer("over-price", { cost: "105.00", score: 100 })];
    expect(sortOffers(offers, { ...policy, maxCost: 100 }).map((o) => o.id)).toEqual(["fits", "over-price"]);
    expect(sortOffers(offers, { ...policy, maxCost: null }).map((o) => o.id)).toEqual(["over-price", "fits"]);
  });
  it("allocates in the policy's order, whole lines first", () => {
    const offers = [offer("cheap-poor", { cost: "97.00", score: 40 }), offer("dear-good", { cost: "100.00", score: 92, stock: 3 })];
    expect(allocateLine(offers, 2, policy)).toEqual({ ok: true, allocations: [{ offer: expect.objectContaining({ id: "dear-good" }), quantity: 2 }] });
    // Three units fit at dear-good only; five go to the one that has them.
    expect(allocateLine(offers, 5, policy)).toEqual({ ok: true, allocations: [{ offer: expect.objectContaining({ id: "cheap-poor" }), quantity: 5 }] });
    expect(allocateLine(offers, 2)).toEqual({ ok: true, allocations: [{ offer: expect.objectContaining({ id: "cheap-poor" }), quantity: 2 }] });
  });
});
