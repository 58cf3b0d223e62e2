// afterOffersChanged for many products at once, on the real database. The
// pricing step plans each distinct price state once (lib/pricing/plan-reprice.ts)
// and joins the decision back to every product in that state, writing stock,
// visibility and price of each product in one row write: every kind of
// decision in one call must land on exactly its own products.
import { beforeEach, expect, it } from "vitest";
import { afterOffersChanged } from "../../lib/catalog/offers/after-offers-changed";
import { db } from "../../lib/db/client";
import { repriceProducts } from "../../lib/pricing/reprice-products";
import { seedProduct } from "../../prisma/factories";
import { resetState } from "../helpers/harness";

let supplierId = "";
beforeEach(async () => {
  await resetState();
  supplierId = (await db.supplier.create({ data: { slug: "bulk", name: "Bulk supplier", type: "phonex", apiEndpoint: "http://127.0.0.1:9", active: true } }))
    .id;
  // Zeta: cost + 20 %, no rounding; everything else: the default (cost + 12 %, up to the whole dollar).
  await db.markupRule.create({ data: { name: "Zeta", scope: "brand", scopeValue: "Zeta", kind: "percent", value: 20, rounding: "none", priority: 1 } });
});

/** A product priced 224.00 from cost 200.00 (or as given), whose one offer now costs `cost` with `stock`. */
async function product(sku: string, o: { cost: string; stock?: number; brand?: string; price?: string; priceCost?: string }) {
  const p = await seedProduct(supplierId, {
    sku,
    name: sku,
    brand: o.brand ?? "Apple",
    model: sku,
    storage: "128GB",
    color: "Black",
    grade: "A",
    price: o.price ?? "224.00",
    cost: o.cost,
    stock: o.stock ?? 20,
  });
  return db.product.update({ where: { id: p.id }, data: { priceCost: o.priceCost ?? "200.00" } });
}
const priceOf = async (id: string) => {
  const p = await db.product.findUniqueOrThrow({ where: { id } });
  return { price: p.price.toFixed(2), priceCost: p.priceCost?.toFixed(2) ?? null, stock: p.stock, active: p.active };
};
const changes = async (productId: string) =>
  (await db.priceChange.findMany({ where: { productId }, orderBy: { createdAt: "asc" } })).map((c) => ({
    status: c.status,
    oldPrice: c.oldPrice.toFixed(2),
    newPrice: c.newPrice.toFixed(2),
    oldCost: c.oldCost?.toFixed(2) ?? null,
    newCost: c.newCost.toFixed(2),
    reason: c.reason,
    pending: c.pendingFor !== null,
  }));
const change = (productId: string, newPrice: string, newCost: string, status: "pending" | "rejected") =>
  db.priceChange.create({
    data: {
      productId,
      oldPrice: "224.00",
      newPrice,
      oldCost: "200.00",
      newCost,
      reason: "earlier",
      status,
      pendingFor: status === "pending" ? productId : null,
    },
  });

it("applies, proposes, withdraws and leaves alone, each product by its own state, in one call", async () => {
  const within = await product("WITHIN-1", { cost: "205.00" }); // 229.60 → 230.00: +2.7 %, goes live
  const twin = await product("WITHIN-2", { cost: "205.00" }); // the same state as WITHIN-1
  const zeta = await product("ZETA", { cost: "205.00", brand: "Zeta", price: "240.00" }); // same cost, its brand's rule: 246.00
  const over = await product("OVER", { cost: "260.00" }); // 292.00: +30 %, waits for approval
  const stale = await product("STALE", { cost: "200.00", priceCost: "190.00" }); // same price from another cost; its proposal is moot
  await change(stale.id, "300.00", "270.00", "pending");
  const rejected = await product("REJECTED", { cost: "260.00" }); // 292.00 again, which ops rejected: the pending one is withdrawn
  await change(rejected.id, "292.00", "260.00", "rejected");
  await change(rejected.id, "280.00", "250.00", "pending");
  const current = await product("CURRENT", { cost: "200.00" }); // nothing moves
  const soldOut = await product("SOLDOUT", { cost: "150.00", stock: 0 }); // nothing to route to: hidden, price waits
  const before = await db.product.findUniqueOrThrow({ where: { id: current.id } });

  await afterOffersChanged([within.id, twin.id, zeta.id, over.id, stale.id, rejected.id, current.id, soldOut.id]);

  expect(await priceOf(within.id)).toEqual({ price: "230.00", priceCost: "205.00", stock: 20, active: true });
  expect(await priceOf(twin.id)).toEqual({ price: "230.00", priceCost: "205.00", stock: 20, active: true });
  expect(await priceOf(zeta.id)).toEqual({ price: "246.00", priceCost: "205.00", stock: 20, active: true });
  expect(await priceOf(over.id)).toEqual({ price: "224.00", priceCost: "200.00", stock: 20, active: true });
  expect(await changes(over.id)).toEqual([
    {
      status: "pending",
      oldPrice: "224.00",
      newPrice: "292.00",
      oldCost: "200.00",
      newCost: "260.00",
      reason: "Supplier cost 200.00 → 260.00 (Bulk supplier)",
      pending: true,
    },
  ]);
  expect(await priceOf(stale.id)).toEqual({ price: "224.00", priceCost: "200.00", stock: 20, active: true });
  expect((await changes(stale.id)).map((c) => [c.status, c.pending])).toEqual([["superseded", false]]);
  expect(await priceOf(rejected.id)).toEqual({ price: "224.00", priceCost: "200.00", stock: 20, active: true });
  expect((await changes(rejected.id)).map((c) => [c.status, c.newPrice, c.pending])).toEqual([
    ["rejected", "292.00", false],
    ["superseded", "280.00", false],
  ]);
  expect(await db.product.findUniqueOrThrow({ where: { id: current.id } })).toEqual(before);
  expect(await priceOf(soldOut.id)).toEqual({ price: "224.00", priceCost: "200.00", stock: 0, active: false });
  for (const id of [within.id, twin.id, zeta.id, current.id, soldOut.id]) expect(await changes(id)).toEqual([]);

  // The same state again: nothing is written.
  const rows = await db.product.findMany({ orderBy: { sku: "asc" } });
  const pc = await db.priceChange.findMany({ orderBy: { id: "asc" } });
  await afterOffersChanged(rows.map((r) => r.id));
  expect(await db.product.findMany({ orderBy: { sku: "asc" } })).toEqual(rows);
  expect(await db.priceChange.findMany({ orderBy: { id: "asc" } })).toEqual(pc);
});

it("a pending change follows the cost; ungated (a rule change) every move goes live and waiting ones are withdrawn", async () => {
  const a = await product("A", { cost: "260.00" });
  const b = await product("B", { cost: "260.00" });
  await afterOffersChanged([a.id, b.id]);
  const first = await db.priceChange.findMany({ where: { status: "pending" }, orderBy: { productId: "asc" } });
  expect(first).toHaveLength(2);
  // The cost moves again before ops look: each product's one pending change takes the new numbers.
  await db.supplierOffer.updateMany({ where: { supplierId }, data: { cost: "270.00" } });
  await afterOffersChanged([a.id, b.id]);
  const again = await db.priceChange.findMany({ where: { status: "pending" }, orderBy: { productId: "asc" } });
  expect(again.map((c) => [c.id, c.newPrice.toFixed(2), c.newCost.toFixed(2)])).toEqual(first.map((c) => [c.id, "303.00", "270.00"]));

  expect(await repriceProducts([a.id, b.id, a.id], { gate: false, reason: "Markup rules changed" })).toEqual({
    applied: 2,
    changed: 2,
    proposed: 0,
    withdrawn: 2,
  });
  expect(await priceOf(a.id)).toMatchObject({ price: "303.00", priceCost: "270.00" });
  expect(await priceOf(b.id)).toMatchObject({ price: "303.00", priceCost: "270.00" });
  expect(await db.priceChange.count({ where: { status: "pending" } })).toBe(0);
  expect(await repriceProducts([a.id, b.id], { gate: false })).toEqual({ applied: 0, changed: 0, proposed: 0, withdrawn: 0 });
});
