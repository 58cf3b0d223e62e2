// One supplier order's updates apply one at a time, in event order, and a
// later status that skipped steps fills them in; forwarding that
// runs out of attempts on transient errors asks the supplier before any
// reroute , so it can never buy the phones twice.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { clearSupplierCache } from "../../lib/suppliers/load-supplier";
import { seedProduct } from "../../prisma/factories";
import { startWorkers, type RunningWorkers } from "../../workers/start-workers";
import { address, api, harness, resetState, seedOtherSuppliers, seedWorld, signedPhoneXWebhook, waitFor } from "../helpers/harness";

let workers: RunningWorkers | null = null;
let world: Awaited<ReturnType<typeof seedWorld>>;

const statusOf = async (id: string) => (await db.order.findUniqueOrThrow({ where: { id } })).status;
const place = async (sku: string, quantity = 1) => {
  const res = await api("/api/orders", {
    method: "POST",
    headers: { "Idempotency-Key": randomUUID() },
    json: { items: [{ sku, quantity }], shippingAddress: address },
  });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, number: res.body.number as string };
};

async function sendWebhook(body: Record<string, unknown>) {
  expect((await signedPhoneXWebhook(body)).status).toBe(202);
}

const update = (orderId: string, status: string, at: Date, tracking = false) => ({
  event: "order.status_updated",
  order_id: orderId,
  supplier_order_id: null,
  status,
  tracking_number: tracking ? "1Z999AA10123456784" : null,
  carrier: tracking ? "UPS" : null,
  updated_at: at.toISOString(),
});

describe("events of one supplier order", () => {
  beforeAll(() => {
    workers = startWorkers({ concurrency: 6 });
  });
  afterAll(async () => {
    await workers?.close();
    workers = null;
  });
  beforeEach(async () => {
    await resetState();
    world = await seedWorld();
    harness().phonex.sim.configure({ autoAdvance: false });
  });

  it("processed together in one batch (two orders, shuffled): each applied in event order, each marked, each email queued once", async () => {
    const a = await place(world.skus[0]!);
    const b = await place(world.skus[1]!);
    await waitFor(async () => (await statusOf(a.id)) === "submitted" && (await statusOf(b.id)) === "submitted", { what: "submitted" });
    await workers!.close();
    workers = null;
    const t = Date.now() - 60_000;
    for (const o of [a, b]) {
      await sendWebhook(update(o.number, "delivered", new Date(t + 3000), true));
      await sendWebhook(update(o.number, "processing", new Date(t + 1000)));
      await sendWebhook(update(o.number, "shipped", new Date(t + 2000), true));
      // The same status twice: recorded, never applied twice.
      await sendWebhook(update(o.number, "shipped", new Date(t + 2500), true));
    }
    const { processWebhookCoalesced } = await import("../../lib/webhooks/process-webhook");
    const ids = (await db.webhookEvent.findMany({ where: { outcome: "pending" }, select: { id: true } })).map((e) => e.id).reverse();
    expect(ids).toHaveLength(8);
    // All at once: one batch.
    const results = await Promise.all(ids.map((id) => processWebhookCoalesced(id)));
    expect(results.filter((r) => r.outcome === "applied")).toHaveLength(6);
    expect(results.filter((r) => r.outcome === "ignored")).toHaveLength(2);
    expect(await db.webhookEvent.count({ where: { processedAt: null } })).toBe(0);
    for (const o of [a, b]) {
      expect(await statusOf(o.id)).toBe("delivered");
      const steps = await db.orderEvent.findMany({ where: { orderId: o.id, type: "status_changed" }, orderBy: { createdAt: "asc" }, select: { status: true } });
      expect(steps.map((s) => s.status)).toEqual(["submitted", "accepted", "processing", "shipped", "delivered"]);
      const so = await db.supplierOrder.findFirstOrThrow({ where: { orderId: o.id } });
      expect(so).toMatchObject({ status: "delivered", trackingNumber: "1Z999AA10123456784", carrier: "UPS" });
      const types = (await db.notification.findMany({ where: { orderId: o.id }, select: { type: true, email: true } })).map((n) => `${n.type}:${n.email}`);
      expect(types.length).toBe(new Set(types).size);
      expect(types.filter((x) => x.startsWith("order_shipped:"))).toHaveLength(types.filter((x) => x.startsWith("order_placed:")).length);
    }
    workers = startWorkers({ concurrency: 6 });
  });

  it("arriving in reverse order are applied in event order: the shipped step and its tracking email are not lost", async () => {
    const o = await place(world.skus[0]!);
    await waitFor(async () => (await statusOf(o.id)) === "submitted", { what: "submitted" });
    await workers!.close();
    // Stored while no worker runs, newest first (as a retried, reordered delivery would).
    const t = Date.now() - 60_000;
    await sendWebhook(update(o.number, "delivered", new Date(t + 3000), true));
    await sendWebhook(update(o.number, "shipped", new Date(t + 2000), true));
    await sendWebhook(update(o.number, "processing", new Date(t + 1000)));
    workers = startWorkers({ concurrency: 6 });

    await waitFor(async () => (await db.webhookEvent.count({ where: { outcome: "pending" } })) === 0, { what: "events processed" });
    expect(await statusOf(o.id)).toBe("delivered");
    const steps = await db.orderEvent.findMany({ where: { orderId: o.id, type: "status_changed" }, orderBy: { createdAt: "asc" }, select: { status: true } });
    // (accepted is inferred from processing: PhoneX never sent it)
    expect(steps.map((s) => s.status)).toEqual(["submitted", "accepted", "processing", "shipped", "delivered"]);
    // Nothing was "ignored as backwards".
    expect(await db.webhookEvent.count({ where: { outcome: "ignored" } })).toBe(0);
    await waitFor(async () => (await db.notification.count({ where: { orderId: o.id, status: { not: "sent" } } })) === 0, { what: "emails sent" });
    const shipped = harness()
      .mail.messages()
      .filter((m) => m.to.includes("buyer@worldtech.test") && /shipped/i.test(m.subject));
    expect(shipped).toHaveLength(1);
    expect(shipped[0]!.text).toContain("1Z999AA10123456784");
  });

  it("a delivered that skipped shipped fills the step in, with the tracking it carries, and still emails the tracking number", async () => {
    const o = await place(world.skus[1]!);
    await waitFor(async () => (await statusOf(o.id)) === "submitted", { what: "submitted" });
    await sendWebhook(update(o.number, "delivered", new Date(), true));
    await waitFor(async () => (await statusOf(o.id)) === "delivered", { what: "delivered" });
    const inferred = await db.orderEvent.findMany({ where: { orderId: o.id, type: "status_changed", status: { in: ["accepted", "processing", "shipped"] } } });
    expect(inferred.map((e) => e.status).sort()).toEqual(["accepted", "processing", "shipped"]);
    expect(inferred.every((e) => /inferred/.test(e.message ?? ""))).toBe(true);
    await waitFor(async () => (await db.notification.count({ where: { orderId: o.id, status: { not: "sent" } } })) === 0, { what: "emails sent" });
    const toBuyer = harness()
      .mail.messages()
      .filter((m) => m.to.includes("buyer@worldtech.test") && m.subject.includes(o.number));
    const shipped = toBuyer.filter((m) => /shipped/i.test(m.subject));
    expect(shipped).toHaveLength(1);
    expect(shipped[0]!.text).toContain("1Z999AA10123456784");
    expect(toBuyer.filter((m) => /delivered/i.test(m.subject))).toHaveLength(1);
  });
});

describe("forwarding that runs out of attempts on transient errors", () => {
  let cjSupplierId: string;
  beforeAll(() => {
    workers = startWorkers({ concurrency: 4 });
  });
  afterAll(async () => {
    await workers?.close();
    workers = null;
  });
  beforeEach(async () => {
    await resetState();
    world = await seedWorld({ products: 0 });
    const { cj } = await seedOtherSuppliers();
    cjSupplierId = cj.id;
    const phone = {
      sku: "IPHONE13-128GB-B",
      name: "iPhone 13 128GB Grade B",
      brand: "Apple",
      model: "iPhone 13",
      storage: "128GB",
      color: "Black",
      grade: "B",
    };
    // PhoneX is preferred; CJ could take the line at the same price.
    await seedProduct(world.supplier.id, { ...phone, cost: 290, price: 325, stock: 105, priority: 1 });
    await seedProduct(cj.id, { ...phone, supplierSku: "CJ-VID-1004B", cost: 284, price: 325, stock: 36, priority: 2 });
    harness().phonex.sim.configure({ autoAdvance: false });
  });
  afterEach(() => harness().phonex.sim.configure({ failureRate: 0, latencyMs: 0 }));

  it("is not rerouted when the supplier, asked by our reference, has the order after all", async () => {
    const { phonex, cj } = harness();
    phonex.sim.configure({ failureRate: 1 });
    const o = await place("IPHONE13-128GB-B");
    await waitFor(async () => (await db.supplierOrder.findFirstOrThrow({ where: { orderId: o.id } })).attempts >= 1, { what: "first attempt" });
    // PhoneX created it on one of those "failed" calls (its 500 came after the write).
    const now = new Date().toISOString();
    phonex.sim.state.orders.set(o.number, {
      id: "px_hidden",
      order_id: o.number,
      supplier_order_id: "ORD777001",
      supplier: "wesellcellular",
      customer_id: "worldtech-1734",
      items: [{ sku: "IPHONE13-128GB-B", quantity: 1, unit_price: 290 }],
      shipping_address: {} as never,
      metadata: {},
      status: "accepted",
      tracking_number: null,
      carrier: null,
      reason: null,
      cancel_requested: false,
      idempotency_key: "x",
      created_at: now,
      updated_at: now,
    });
    await waitFor(async () => (await statusOf(o.id)) === "accepted", { what: "accepted after the read-back", timeoutMs: 40_000 });
    const sos = await db.supplierOrder.findMany({ where: { orderId: o.id } });
    expect(sos).toHaveLength(1);
    expect(sos[0]).toMatchObject({ supplierId: world.supplier.id, status: "accepted", supplierOrderId: "ORD777001" });
    expect(cj.sim.state.createdByNumber.size).toBe(0);
    expect(await db.orderEvent.count({ where: { orderId: o.id, type: "rerouted" } })).toBe(0);
  });

  it("is rerouted only once the supplier confirms it has no such order", async () => {
    const { phonex, cj } = harness();
    phonex.sim.configure({ failureRate: 1 });
    const o = await place("IPHONE13-128GB-B");
    await waitFor(async () => (await db.supplierOrder.count({ where: { orderId: o.id, supplierId: cjSupplierId, status: { not: "pending" } } })) === 1, {
      what: "rerouted to CJ",
      timeoutMs: 40_000,
    });
    const px = await db.supplierOrder.findFirstOrThrow({ where: { orderId: o.id, supplierId: world.supplier.id } });
    expect(px.status).toBe("rejected");
    expect(px.lastError).toMatch(/confirms it has no order/);
    expect(cj.sim.state.createdByNumber.size).toBe(1);
  });

  it("is failed, never rerouted, when the supplier cannot even be asked", async () => {
    const { phonex, cj } = harness();
    await db.supplier.update({ where: { id: world.supplier.id }, data: { timeoutMs: 300 } });
    clearSupplierCache();
    phonex.sim.configure({ latencyMs: 1000 });
    const o = await place("IPHONE13-128GB-B");
    await waitFor(async () => (await statusOf(o.id)) === "failed", { what: "failed", timeoutMs: 60_000 });
    const so = await db.supplierOrder.findFirstOrThrow({ where: { orderId: o.id } });
    expect(so.lastError).toMatch(/not rerouted/);
    expect(await db.supplierOrder.count({ where: { orderId: o.id } })).toBe(1);
    expect(cj.sim.state.createdByNumber.size).toBe(0);
  });
});
