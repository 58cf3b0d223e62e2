// Pricing on the real database:
// tier prices in GET /api/products and in a placed order, price changes over
// the tolerance waiting for approval, alerts once per crossing across
// repeated syncs, deactivation and reactivation. HTTP through the real routes.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Principal } from "../../lib/auth/principal";
import { afterOffersChanged } from "../../lib/catalog/offers/after-offers-changed";
import { applyInventoryItems } from "../../lib/catalog/offers/apply-pushed-inventory";
import { db } from "../../lib/db/client";
import type { InventoryItem } from "../../lib/suppliers/types";
import { startWorkers } from "../../workers/start-workers";
import { seedApiKey, seedCompany, seedProduct, seedUser } from "../../prisma/factories";
import { address, api, harness, resetState, seedWorld, waitFor } from "../helpers/harness";

// Sessions come from next-auth, which needs a Next.js request; a test double
// answers "who is signed in". Everything after it (withApi, handlers) is real.
const session = vi.hoisted(() => ({ principal: null as Principal | null }));
vi.mock("../../lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/auth/session")>()),
  getSessionPrincipal: async () => session.principal,
}));

let world: Awaited<ReturnType<typeof seedWorld>>;
let ops: Principal;

/** Call the API signed in as ops. */
const asOps = (path: string, init: RequestInit & { json?: unknown } = {}) => {
  session.principal = ops;
  const headers = new Headers(init.headers);
  headers.set("cookie", "next-auth.session-token=integration");
  return api(path, { ...init, headers, key: null });
};

const SKU = "TEST-PHONE-128GB-A";
beforeEach(async () => {
  await resetState();
  world = await seedWorld({ products: 1 });
  ops = { kind: "session", userId: world.ops.id, email: world.ops.email, name: world.ops.name, role: "ops", companyId: null };
  await seedProduct(world.supplier.id, {
    sku: SKU,
    name: "Test Phone 128GB Grade A",
    brand: "Apple",
    model: "Test Phone",
    storage: "128GB",
    color: "Black",
    grade: "A",
    cost: "200.00",
    price: "224.00",
    stock: 40,
  });
});

const product = () => db.product.findUniqueOrThrow({ where: { sku: SKU } });
const offer = () => db.supplierOffer.findUniqueOrThrow({ where: { supplierId_supplierSku: { supplierId: world.supplier.id, supplierSku: SKU } } });
/** What a supplier sync would do: new cost/stock on the offer, then afterOffersChanged. */
async function supplierSets(over: { cost?: string; stock?: number }) {
  const o = await offer();
  await db.supplierOffer.update({ where: { id: o.id }, data: over });
  await afterOffersChanged([o.productId]);
}
const listed = async (key?: string) => {
  const res = await api(`/api/products?q=${SKU}`, { key });
  expect(res.status).toBe(200);
  return res.body.data.find((p: { sku: string }) => p.sku === SKU) as { price: string; stock: number } | undefined;
};
const rule = (over: Record<string, unknown>) => ({ name: "Rule", scope: "global", kind: "percent", value: 10, rounding: "none", ...over });

describe("markup rules through the API", () => {
  it("a global rule reprices the catalog; brand beats global; a tier rule prices that tier in the list and in the order", async () => {
    // cost 200 × 1.10 = 220.00 → 220.99
    const g = await asOps("/api/ops/pricing/rules", { method: "POST", json: rule({ name: "Everything", value: 10, rounding: ".99" }) });
    expect(g.status).toBe(201);
    expect(g.body.rule).toMatchObject({ scope: "global", kind: "percent", value: 10, rounding: ".99" });
    expect((await product()).price.toFixed(2)).toBe("220.99");

    // Apple: cost + 25.00, whole dollars → 225.00
    const apple = await asOps("/api/ops/pricing/rules", {
      method: "POST",
      json: rule({ name: "Apple", scope: "brand", scopeValue: "Apple", kind: "fixed", value: 25, rounding: "whole" }),
    });
    expect(apple.status).toBe(201);
    expect((await product()).price.toFixed(2)).toBe("225.00");
    expect((await product()).priceCost?.toFixed(2)).toBe("200.00");

    // Gold tier: cost-range tiers, 200 falls in the ≤ 250 band (+5 %) → 210.00 → 210.49
    const gold = await asOps("/api/ops/pricing/rules", {
      method: "POST",
      json: rule({
        name: "Gold",
        scope: "tier",
        scopeValue: "gold",
        kind: "tiers",
        value: null,
        rounding: ".49/.99",
        costTiers: [
          { upTo: "250.00", percent: 5 },
          { upTo: null, percent: 3 },
        ],
      }),
    });
    expect(gold.status).toBe(201);
    await db.company.update({ where: { id: world.company.id }, data: { tier: "gold" } });

    // A standard-tier company sees the base price, the gold one its tier price, ops the base.
    const std = await seedCompany({ name: "Standard Shop", customerId: "std-1" });
    const stdUser = await seedUser({ email: "buyer@std.test", companyId: std.id });
    const stdKey = (await seedApiKey({ companyId: std.id, userId: stdUser.id, plain: "pk_live_integration_standard_0000000" })).key;
    expect((await listed(stdKey))?.price).toBe("225.00");
    expect((await listed())?.price).toBe("210.49");
    const opsList = await asOps(`/api/products?q=${SKU}`);
    expect(opsList.body.data[0].price).toBe("225.00");

    // The order charges what the list showed, and keeps it.
    const placed = await api("/api/orders", {
      method: "POST",
      json: { items: [{ sku: SKU, quantity: 3 }], shippingAddress: address },
      headers: { "Idempotency-Key": "tier-1" },
    });
    expect(placed.status).toBe(201);
    expect(placed.body.items[0]).toMatchObject({ sku: SKU, unitPrice: "210.49", lineTotal: "631.47" });
    expect(placed.body.subtotal).toBe("631.47");
    const stdOrder = await api("/api/orders", {
      method: "POST",
      key: stdKey,
      json: { items: [{ sku: SKU, quantity: 1 }], shippingAddress: address },
      headers: { "Idempotency-Key": "std-1" },
    });
    expect(stdOrder.body.items[0].unitPrice).toBe("225.00");

    // Later rule changes do not touch a placed order.
    const edited = await asOps(`/api/ops/pricing/rules/${gold.body.rule.id}`, {
      method: "PATCH",
      json: rule({ name: "Gold", scope: "tier", scopeValue: "gold", value: 1, rounding: "none" }),
    });
    expect(edited.status).toBe(200);
    expect((await listed())?.price).toBe("202.00");
    const item = await db.orderItem.findFirstOrThrow({ where: { orderId: placed.body.id } });
    expect(item.unitPrice.toFixed(2)).toBe("210.49");

    // Deleting the brand rule falls back to the global one.
    expect((await asOps(`/api/ops/pricing/rules/${apple.body.rule.id}`, { method: "DELETE" })).status).toBe(200);
    expect((await product()).price.toFixed(2)).toBe("220.99");
    const rules = await asOps("/api/ops/pricing/rules");
    expect(rules.body.data.map((r: { name: string }) => r.name)).toEqual(["Gold", "Everything"]);
  });

  it("prices from the offer orders would be routed to: the preferred one in stock", async () => {
    await asOps("/api/ops/pricing/rules", { method: "POST", json: rule({ value: 10 }) });
    const p = await product();
    const other = await seedSupplierOffer(p.id, { supplierSku: "WSC-1", cost: "150.00", stock: 5, priority: 50 });
    await afterOffersChanged([p.id]);
    // 150 × 1.1 = 165 would be a 25 % drop: waits for approval; the cheaper preferred offer is the basis.
    expect((await product()).price.toFixed(2)).toBe("220.00");
    expect(await db.priceChange.findFirst({ where: { productId: p.id, status: "pending" } })).toMatchObject({ newCost: expect.anything() });
    // The preferred offer sells out: routing (and price) goes back to the first one, and the stale proposal is withdrawn.
    await db.supplierOffer.update({ where: { id: other }, data: { stock: 0 } });
    await afterOffersChanged([p.id]);
    expect(await db.priceChange.count({ where: { status: "pending" } })).toBe(0);
    expect((await db.priceChange.findFirstOrThrow()).status).toBe("superseded");
  });

  it("refuses bad rules field by field, and resellers altogether", async () => {
    const bad = await asOps("/api/ops/pricing/rules", {
      method: "POST",
      json: { name: "", scope: "brand", kind: "tiers", costTiers: [{ upTo: null }, { upTo: null, percent: 1 }], rounding: ".77" },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(["name", "rounding", "costTiers.0"]));
    const reseller = await api("/api/ops/pricing/rules", { method: "POST", json: rule({}) });
    expect(reseller.status).toBe(403);
    expect((await api("/api/ops/alerts")).status).toBe(403);
    expect((await api("/api/ops/pricing/changes")).status).toBe(403);
    expect((await asOps("/api/ops/pricing/rules/nope", { method: "DELETE" })).status).toBe(404);
  });
});

describe("price changes over the tolerance wait for approval", () => {
  beforeEach(async () => {
    await asOps("/api/ops/pricing/rules", { method: "POST", json: rule({ value: 10 }) });
    expect((await product()).price.toFixed(2)).toBe("220.00");
  });

  it("within tolerance goes live; over it waits, once, until ops approve; tier prices wait too", async () => {
    await asOps("/api/ops/pricing/rules", { method: "POST", json: rule({ scope: "tier", scopeValue: "gold", value: 5 }) });
    await db.company.update({ where: { id: world.company.id }, data: { tier: "gold" } });
    expect((await listed())?.price).toBe("210.00");

    await supplierSets({ cost: "210.00" }); // 231.00: +5 %
    expect((await product()).price.toFixed(2)).toBe("231.00");

    await supplierSets({ cost: "260.00" }); // 286.00: +23.8 %
    expect((await product()).price.toFixed(2)).toBe("231.00");
    expect((await listed())?.price).toBe("220.50"); // gold still from the approved cost 210
    // The next sync (same cost) adds nothing.
    await afterOffersChanged([(await product()).id]);
    const pending = await asOps("/api/ops/pricing/changes");
    expect(pending.status).toBe(200);
    expect(pending.body.data).toHaveLength(1);
    expect(pending.body.data[0]).toMatchObject({
      sku: SKU,
      status: "pending",
      oldPrice: "231.00",
      newPrice: "286.00",
      oldCost: "210.00",
      newCost: "260.00",
      currentPrice: "231.00",
      changePercent: 23.8,
    });
    expect(pending.body.data[0].reason).toContain("210.00 → 260.00");

    // The cost moves again before ops look: the one pending change follows it.
    await supplierSets({ cost: "270.00" });
    const again = await asOps("/api/ops/pricing/changes");
    expect(again.body.data).toHaveLength(1);
    expect(again.body.data[0]).toMatchObject({ id: pending.body.data[0].id, newPrice: "297.00" });

    const approved = await asOps(`/api/ops/pricing/changes/${again.body.data[0].id}/approve`, { method: "POST" });
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual({ id: again.body.data[0].id, status: "approved" });
    expect((await product()).price.toFixed(2)).toBe("297.00");
    expect((await listed())?.price).toBe("283.50"); // 270 × 1.05
    const twice = await asOps(`/api/ops/pricing/changes/${again.body.data[0].id}/reject`, { method: "POST" });
    expect(twice.status).toBe(409);
    expect((await db.priceChange.findFirstOrThrow()).decidedBy).toBe(world.ops.email);
    // Approved: nothing pending, and a repeated sync proposes nothing.
    await afterOffersChanged([(await product()).id]);
    expect(await db.priceChange.count({ where: { status: "pending" } })).toBe(0);
  });

  it("a rejected price stays rejected until the cost moves again", async () => {
    await supplierSets({ cost: "150.00" }); // 165.00: −25 %
    const [change] = (await asOps("/api/ops/pricing/changes")).body.data;
    expect((await asOps(`/api/ops/pricing/changes/${change.id}/reject`, { method: "POST" })).body.status).toBe("rejected");
    expect((await product()).price.toFixed(2)).toBe("220.00");
    await afterOffersChanged([(await product()).id]);
    expect(await db.priceChange.count({ where: { status: "pending" } })).toBe(0);
    await supplierSets({ cost: "140.00" });
    expect((await asOps("/api/ops/pricing/changes")).body.data[0]).toMatchObject({ newPrice: "154.00", status: "pending" });
  });

  it("the tolerance is a setting in the database", async () => {
    expect((await asOps("/api/ops/pricing/settings")).body).toEqual({ priceTolerancePercent: 10, lowStockThreshold: 5 });
    const set = await asOps("/api/ops/pricing/settings", { method: "PATCH", json: { priceTolerancePercent: 30 } });
    expect(set.body).toEqual({ priceTolerancePercent: 30, lowStockThreshold: 5 });
    expect(await db.setting.findUnique({ where: { key: "priceTolerancePercent" } })).toMatchObject({ value: 30 });
    await supplierSets({ cost: "250.00" }); // 275.00: +25 % < 30 %
    expect((await product()).price.toFixed(2)).toBe("275.00");
    const bad = await asOps("/api/ops/pricing/settings", { method: "PATCH", json: { priceTolerancePercent: -1, other: 1 } });
    expect(bad.status).toBe(422);
  });
});

describe("stock alerts, once per crossing", () => {
  const items = (quantity: number): InventoryItem[] => [
    {
      supplierSku: SKU,
      sku: SKU,
      name: "Test Phone",
      brand: "Apple",
      model: "Test Phone",
      storage: "128GB",
      color: "Black",
      grade: "A",
      quantity,
      unitPrice: "200.00",
      currency: "USD",
    },
  ];
  let t = Date.parse("2026-01-01T00:00:00Z");
  /** The sync path: a supplier snapshot applied in bulk (which calls afterOffersChanged). */
  const sync = (quantity: number) => applyInventoryItems(world.supplier.id, items(quantity), new Date((t += 60_000)));
  const alerts = () => db.stockAlert.findMany({ orderBy: { crossing: "asc" } });
  const stockMails = () => db.notification.findMany({ where: { type: { in: ["low_stock", "out_of_stock"] } }, orderBy: { createdAt: "asc" } });

  it("alerts low once, out once, hides and brings back the product, and alerts again on the next crossing", async () => {
    await sync(40);
    expect(await alerts()).toEqual([]);

    await sync(4);
    await sync(4);
    await sync(3); // still low: the same crossing
    expect((await alerts()).map((a) => [a.kind, a.quantity, a.crossing])).toEqual([["low", 4, 1]]);
    expect(await stockMails()).toHaveLength(1);
    expect((await stockMails())[0]).toMatchObject({ type: "low_stock", email: "ops@portal.test", orderId: null });
    expect((await stockMails())[0]!.subject).toContain(`Low stock: ${SKU} at PhoneX (4 left)`);
    expect((await stockMails())[0]!.body).toContain("Threshold");

    await sync(0);
    await sync(0);
    expect((await alerts()).map((a) => [a.kind, a.quantity, a.crossing, a.deactivated])).toEqual([
      ["low", 4, 1, false],
      ["out", 0, 2, true],
    ]);
    expect(await product()).toMatchObject({ active: false, stock: 0 });
    expect(await listed()).toBeUndefined();
    const order = await api("/api/orders", {
      method: "POST",
      json: { items: [{ sku: SKU, quantity: 1 }], shippingAddress: address },
      headers: { "Idempotency-Key": "gone" },
    });
    expect(order.body.error.code).toBe("unknown_sku");
    expect((await stockMails())[1]).toMatchObject({ type: "out_of_stock" });
    expect((await stockMails())[1]!.subject).toContain("(deactivated)");

    // Partly back (still low): no alert, but ordering returns.
    await sync(2);
    expect(await alerts()).toHaveLength(2);
    expect(await product()).toMatchObject({ active: true, stock: 2 });
    // Recovered, then a new drop: a new crossing, a new email with its own key.
    await sync(30);
    expect((await offer()).alertState).toBe("ok");
    await sync(5);
    expect((await alerts()).map((a) => [a.kind, a.crossing])).toEqual([
      ["low", 1],
      ["out", 2],
      ["low", 3],
    ]);
    const keys = (await stockMails()).map((n) => n.idempotencyKey);
    expect(new Set(keys).size).toBe(3);
    expect(keys[2]).toMatch(new RegExp(`^stock:${(await offer()).id}:low:3:ops@portal.test$`));
    expect(await db.outboxMessage.count({ where: { name: "send-email" } })).toBe(3);

    const listedAlerts = await asOps("/api/ops/alerts");
    expect(listedAlerts.status).toBe(200);
    expect(listedAlerts.body.data.map((a: { kind: string; crossing: number }) => [a.kind, a.crossing])).toEqual([
      ["low", 3],
      ["out", 2],
      ["low", 1],
    ]);
    expect(listedAlerts.body.data[0]).toMatchObject({
      sku: SKU,
      supplierName: "PhoneX",
      quantity: 5,
      threshold: 5,
      now: { offerStock: 5, state: "low", productActive: true },
    });
    const page = await asOps("/api/ops/alerts?limit=2");
    expect(page.body.data).toHaveLength(2);
    const next = await asOps(`/api/ops/alerts?limit=2&cursor=${page.body.nextCursor}`);
    expect(next.body.data.map((a: { crossing: number }) => a.crossing)).toEqual([1]);
    expect((await asOps("/api/ops/alerts?kind=out")).body.data).toHaveLength(1);
  });

  it("emails ops through the worker, once per crossing even when evaluated concurrently", async () => {
    const workers = startWorkers({ concurrency: 2 });
    try {
      await sync(40);
      await db.supplierOffer.update({ where: { id: (await offer()).id }, data: { stock: 1 } });
      const id = (await product()).id;
      await Promise.all([afterOffersChanged([id]), afterOffersChanged([id]), afterOffersChanged([id])]);
      expect(await alerts()).toHaveLength(1);
      const mail = await harness().mail.waitFor((m) => m.to.includes("ops@portal.test") && m.subject.includes(`Low stock: ${SKU}`), 10_000);
      expect(mail.text).toContain("PhoneX");
      await waitFor(async () => (await stockMails())[0]?.status === "sent", { what: "notification sent" });
      expect(
        harness()
          .mail.messages()
          .filter((m) => m.subject.includes(`Low stock: ${SKU}`)),
      ).toHaveLength(1);
    } finally {
      await workers.close();
    }
  });

  it("the threshold is a setting; offers at inactive suppliers raise nothing", async () => {
    await asOps("/api/ops/pricing/settings", { method: "PATCH", json: { lowStockThreshold: 10 } });
    await sync(8);
    expect((await alerts()).map((a) => [a.kind, a.threshold])).toEqual([["low", 10]]);
    await db.supplier.update({ where: { id: world.supplier.id }, data: { active: false } });
    await db.supplierOffer.update({ where: { id: (await offer()).id }, data: { stock: 0 } });
    await afterOffersChanged([(await product()).id]);
    expect(await alerts()).toHaveLength(1);
    // No usable offer: no stock, hidden.
    expect(await product()).toMatchObject({ stock: 0, active: false });
  });

  it("a product ops disabled stays off sale when stock returns, and comes back when enabled", async () => {
    const off = await asOps(`/api/ops/products/${SKU}`, { method: "PATCH", json: { disabled: true } });
    expect(off.body).toMatchObject({ sku: SKU, disabled: true, active: false });
    await sync(50);
    expect(await product()).toMatchObject({ disabled: true, active: false, stock: 50 });
    expect(await listed()).toBeUndefined();
    const on = await asOps(`/api/ops/products/${SKU}`, { method: "PATCH", json: { disabled: false } });
    expect(on.body).toMatchObject({ disabled: false, active: true });
    expect((await listed())?.stock).toBe(50);
    expect((await asOps("/api/ops/products/NOPE", { method: "PATCH", json: { disabled: true } })).status).toBe(404);
  });
});

async function seedSupplierOffer(productId: string, o: { supplierSku: string; cost: string; stock: number; priority: number }) {
  const wsc = await db.supplier.create({ data: { slug: "wsc", name: "WesellCellular", type: "wesellcellular", apiEndpoint: "http://127.0.0.1:1" } });
  const row = await db.supplierOffer.create({ data: { productId, supplierId: wsc.id, ...o } });
  return row.id;
}
