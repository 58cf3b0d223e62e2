import { describe, expect, it } from "vitest";
import { allocateLine, type OfferForRouting } from "./allocate-lines";

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
