// Suppliers to the letter: supplier orders carry our cost, each
// parcel emails the reseller once, and a line on an unreachable supplier moves
// to the next fitting offer within the supplier's bound, never when the
// supplier may already hold it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { getOrderForOps } from "../../lib/orders/get-order-for-ops";
import { clearSupplierCache } from "../../lib/suppliers/load-supplier";
import { seedProduct } from "../../prisma/factories";
import { startWorkers, type RunningWorkers } from "../../workers/start-workers";
import { address, api, harness, resetState, seedOtherSuppliers, seedWorld, signedPhoneXWebhook, waitFor } from "../helpers/harness";

let workers: RunningWorkers;
let world: Awaited<ReturnType<typeof seedWorld>>;
let cjId: string;
const OPS = { kind: "session" as const, userId: "ops", email: "ops@portal.test", name: "Ops", role: "ops" as const, companyId: null };
const phone = { sku: "IPHONE13-128GB-B", name: "iPhone 13 128GB Grade B", brand: "Apple", model: "iPhone 13", storage: "128GB", color: "Black", grade: "B" };

beforeAll(() => {
  workers = startWorkers({ concurrency: 4 });
});
afterAll(() => workers.close());
beforeEach(async () => {
  await resetState();
  world = await seedWorld({ products: 0 });
  const { cj } = await seedOtherSuppliers();
  cjId = cj.id;
  // PhoneX preferred at cost 290; CJ fits the reseller's price (325) at 284.
  await seedProduct(world.supplier.id, { ...phone, cost: 290, price: 325, stock: 105, priority: 1 });
  await seedProduct(cj.id, { ...phone, supplierSku: "CJ-VID-1004B", cost: 284, price: 325, stock: 36, priority: 2 });
  await db.supplier.update({ where: { id: world.supplier.id }, data: { failoverAfterSec: 1 } });
  clearSupplierCache();
});

const place = async (sku = phone.sku, quantity = 1) => {
  const res = await api("/api/orders", {
    method: "POST",
    headers: { "Idempotency-Key": randomUUID() },
    json: { items: [{ sku, quantity }], shippingAddress: address },
  });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, number: res.body.number as string };
};

describe("supplier orders carry our cost", () => {
  it("PhoneX is sent 290.00 (our cost), not the reseller's 325.00; ops see the margin", async () => {
    harness().phonex.sim.configure({ autoAdvance: false });
    const o = await place(phone.sku, 2);
    await waitFor(async () => harness().phonex.sim.state.orders.get(o.number), { what: "at PhoneX" });
    expect(harness().phonex.sim.state.orders.get(o.number)!.items).toEqual([expect.objectContaining({ sku: phone.sku, quantity: 2, unit_price: 290 })]);
    const ops = await getOrderForOps(OPS, o.id);
    expect(ops.items[0]).toMatchObject({
      unitPrice: "325.00",
      lineTotal: "650.00",
      unitCost: "290.00",
      lineCost: "580.00",
      margin: "70.00",
      supplier: "phonex",
    });
    const reseller = await api(`/api/orders/${o.id}`);
    expect(reseller.body.items[0]).not.toHaveProperty("unitCost");
    expect(reseller.body.items[0]).not.toHaveProperty("margin");
  });
});

describe("failover", () => {
  it("a supplier refusing connections: the line moves to CJ within its bound, shown as moved to ops and not as rejected to the reseller", async () => {
    // A port nothing listens on (the connection is refused).
    const { createServer } = await import("node:net");
    const port = await new Promise<number>((r) => {
      const srv = createServer().listen(0, "127.0.0.1", () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => r(p));
      });
    });
    await db.supplier.update({ where: { id: world.supplier.id }, data: { apiEndpoint: `http://127.0.0.1:${port}` } });
    clearSupplierCache();
    const started = Date.now();
    const o = await place();
    await waitFor(async () => (await db.supplierOrder.count({ where: { orderId: o.id, supplierId: cjId, status: { not: "pending" } } })) === 1, {
      what: "moved to CJ",
      timeoutMs: 30_000,
    });
    const tookMs = Date.now() - started;
    expect(tookMs).toBeLessThan(20_000);
    const px = await db.supplierOrder.findFirstOrThrow({ where: { orderId: o.id, supplierId: world.supplier.id } });
    expect(px.movedAt).not.toBeNull();
    expect(px.status).toBe("canceled");
    expect(px.attempts).toBeLessThan(6);
    const reseller = await api(`/api/orders/${o.id}`);
    expect(reseller.body.supplierOrders).toHaveLength(1);
    expect(JSON.stringify(reseller.body)).not.toMatch(/rejected/);
    const ops = await getOrderForOps(OPS, o.id);
    expect(ops.supplierOrders.find((s) => s.supplier === "phonex")).toMatchObject({ moved: true });
    expect(ops.timeline.some((e) => e.type === "moved")).toBe(true);
    expect(harness().cj.sim.state.createdByNumber.size).toBe(1);
  });

  it("a supplier that may hold the order (timeouts) is never failed over while it cannot be asked; ops get one email", async () => {
    await db.supplier.update({ where: { id: world.supplier.id }, data: { timeoutMs: 200 } });
    clearSupplierCache();
    harness().phonex.sim.configure({ latencyMs: 800, autoAdvance: false });
    try {
      const o = await place();
      const stuck = await harness().mail.waitFor((m) => m.to.includes("ops@portal.test") && m.subject.includes(o.number), 30_000);
      expect(stuck.text).toMatch(/may hold the order/);
      expect(await db.supplierOrder.count({ where: { orderId: o.id } })).toBe(1);
      expect(harness().cj.sim.state.createdByNumber.size).toBe(0);
      await new Promise((r) => setTimeout(r, 1500));
      expect(
        harness()
          .mail.messages()
          .filter((m) => m.to.includes("ops@portal.test") && m.subject.includes(o.number)),
      ).toHaveLength(1);
    } finally {
      harness().phonex.sim.configure({ latencyMs: 0 });
    }
  });
});

describe("every parcel emails the reseller once", () => {
  it("a split order's second shipment emails although the order status does not change; delivered waits for the last parcel", async () => {
    const { phonex, mail } = harness();
    phonex.sim.configure({ autoAdvance: false, webhookUrl: null });
    harness().cj.sim.configure({ autoAdvance: false });
    await seedProduct(cjId, {
      sku: "IPHONE12-128GB-B",
      name: "iPhone 12 128GB Grade B",
      brand: "Apple",
      model: "iPhone 12",
      storage: "128GB",
      color: "Black",
      grade: "B",
      supplierSku: "CJ-VID-1003B",
      cost: 224,
      price: 251,
      stock: 84,
      priority: 1,
    });
    const res = await api("/api/orders", {
      method: "POST",
      headers: { "Idempotency-Key": randomUUID() },
      json: {
        items: [
          { sku: phone.sku, quantity: 1 },
          { sku: "IPHONE12-128GB-B", quantity: 1 },
        ],
        shippingAddress: address,
      },
    });
    const id = res.body.id as string;
    const number = res.body.number as string;
    await waitFor(async () => (await db.supplierOrder.count({ where: { orderId: id, status: "submitted" } })) === 2, { what: "both submitted" });
    const cjSo = await db.supplierOrder.findFirstOrThrow({ where: { orderId: id, supplierId: cjId } });
    const send = async (status: string, tracking: string | null) => {
      const r = await signedPhoneXWebhook({
        event: "order.status_updated",
        order_id: number,
        supplier_order_id: null,
        status,
        tracking_number: tracking,
        carrier: tracking ? "UPS" : null,
        updated_at: new Date().toISOString(),
      });
      expect(r.status).toBe(202);
    };
    // PhoneX's parcel ships: partially shipped.
    await send("shipped", "1ZPARCELONE");
    await waitFor(async () => (await db.order.findUniqueOrThrow({ where: { id } })).status === "partially_shipped", { what: "partially shipped" });
    // PhoneX's parcel is delivered while CJ's has not shipped: still partially shipped, no delivered email.
    await send("delivered", "1ZPARCELONE");
    await waitFor(async () => (await db.supplierOrder.findFirstOrThrow({ where: { orderId: id, supplierId: world.supplier.id } })).status === "delivered", {
      what: "PhoneX part delivered",
    });
    // CJ's parcel ships: the order status stays partially shipped... and the reseller is still told.
    const { applySupplierUpdate } = await import("../../lib/orders/apply-supplier-update");
    await applySupplierUpdate({ supplierOrderId: cjSo.id, status: "shipped", trackingNumber: "CJPARCELTWO", carrier: "YunExpress", source: "poll:cj" });
    await waitFor(async () => (await db.notification.count({ where: { orderId: id, status: { not: "sent" } } })) === 0, { what: "emails sent" });
    const toBuyer = () => mail.messages().filter((m) => m.to.includes("buyer@worldtech.test") && m.subject.includes(number));
    const shipped = toBuyer().filter((m) => /shipped/i.test(m.subject));
    expect(shipped).toHaveLength(2);
    expect(shipped.map((m) => (m.text.includes("1ZPARCELONE") ? "one" : m.text.includes("CJPARCELTWO") ? "two" : "?")).sort()).toEqual(["one", "two"]);
    // No sourcing in the reseller's email (the portal itself is branded "PhoneX Portal").
    expect(shipped.filter((m) => /CJ Dropshipping|WesellCellular|\bcj\b/i.test(m.text))).toEqual([]);
    expect(toBuyer().filter((m) => /delivered/i.test(m.subject))).toHaveLength(0);
    // The last parcel arrives: the order is delivered, and only now the delivered email.
    await applySupplierUpdate({ supplierOrderId: cjSo.id, status: "delivered", source: "poll:cj" });
    await waitFor(async () => toBuyer().filter((m) => /delivered/i.test(m.subject)).length === 1, { what: "delivered email" });
    await new Promise((r) => setTimeout(r, 500));
    expect(toBuyer().filter((m) => /shipped/i.test(m.subject))).toHaveLength(2);
  });
});
