import { describe, expect, it } from "vitest";
import { allocateLine, COST_ONLY, type OfferForRouting, type RoutingPolicy } from "./allocate-lines";
import { explainRouting, routingMessage } from "./routing-reason";

type Named = OfferForRouting & { name: string };
const offer = (name: string, o: Partial<Named>): Named => ({
  id: name.toLowerCase(),
  name,
  supplierId: `s-${name}`,
  supplierSku: name,
  cost: "100.00",
  stock: 10,
  priority: 100,
  score: null,
  ...o,
});
const policy: RoutingPolicy = { mode: "cost_score", scoreWeight: 0.2, neutralScore: 50, maxCost: 120 };
const explain = (offers: Named[], quantity: number, p: RoutingPolicy = COST_ONLY) => {
  const a = allocateLine(offers, quantity, p);
  if (!a.ok) throw new Error("short");
  return explainRouting(offers, quantity, a.allocations, p, (o) => o.name);
};

describe("explainRouting", () => {
  it("says when the score outweighs a higher cost", () => {
    const offers = [offer("Cheapco", { cost: "97.00", score: 40 }), offer("Goodco", { cost: "100.00", score: 92 })];
    expect(explain(offers, 1, policy)).toBe(
      "Goodco: score 92 outweighs a 3.1 % higher cost than Cheapco (score 40; 100.00 vs 97.00 at Cheapco; effective 101.60 vs 108.64)",
    );
    expect(explain(offers, 1)).toBe("Cheapco: cheapest in stock (97.00 vs 100.00 at Goodco)");
  });
  it("says when the cheaper one's price outweighs its lower score, and when it has both", () => {
    expect(explain([offer("Cheapco", { cost: "80.00", score: 40 }), offer("Goodco", { cost: "100.00", score: 92 })], 1, policy)).toBe(
      "Cheapco: 25.0 % cheaper than Goodco, which outweighs its score 40 against 92 (80.00 vs 100.00 at Goodco; effective 89.60 vs 101.60)",
    );
    expect(explain([offer("Bestco", { cost: "90.00", score: 95 }), offer("Goodco", { cost: "100.00", score: 92 })], 1, policy)).toBe(
      "Bestco: cheapest in stock and the better score (95 vs 92; 90.00 vs 100.00 at Goodco)",
    );
  });
  it("names the neutral score of a supplier with too little history", () => {
    expect(explain([offer("Newco", { cost: "95.00" }), offer("Goodco", { cost: "100.00", score: 20 })], 1, policy)).toMatch(
      /^Newco: cheapest in stock and the better score \(50 \(neutral: too little history\) vs 20/,
    );
  });
  it("explains the only offer, priority, stock and splits", () => {
    expect(explain([offer("Soleco", {})], 1)).toBe("Soleco: the only offer in stock");
    expect(explain([offer("Firstco", { priority: 1, cost: "110.00" }), offer("Cheapco", { cost: "90.00" })], 1)).toBe(
      "Firstco: preferred supplier (priority 1, Cheapco 100)",
    );
    expect(explain([offer("Cheapco", { cost: "90.00", stock: 2 }), offer("Bigco", { stock: 50 })], 5)).toBe(
      "Bigco: Cheapco ranks first but has only 2 in stock",
    );
    expect(explain([offer("A", { stock: 3, cost: "90.00" }), offer("B", { stock: 3 })], 5)).toBe("split over A (3), B (2): no single offer had 5 in stock");
  });
  it("says when the other offer does not fit the line's price", () => {
    expect(explain([offer("Fitco", { cost: "110.00", score: 10 }), offer("Overco", { cost: "130.00", score: 100 })], 1, policy)).toBe(
      "Fitco: Overco costs more than the line's price (110.00 vs 130.00 at Overco)",
    );
  });
  it("writes one clause per line, with the mode", () => {
    expect(routingMessage([{ sku: "A-1", reason: "X: the only offer in stock" }], policy)).toBe("Routing (cost plus score): A-1 → X: the only offer in stock");
    expect(
      routingMessage(
        [
          { sku: "A-1", reason: "r1" },
          { sku: "B-2", reason: "r2" },
        ],
        COST_ONLY,
      ),
    ).toBe("Routing (cost only): A-1 → r1; B-2 → r2");
  });
});
