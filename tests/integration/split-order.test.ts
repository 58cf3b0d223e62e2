// Routing across all three suppliers on real Postgres/Redis/SMTP with the
// three simulators: one order split into PhoneX, CJ and WesellCellular
// supplier orders, each followed to delivered on its own (webhooks, CJ
// read-backs, WesellCellular polling); a CJ create that times out after CJ
// created the order; and a rejection rerouted to the next offer.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { seedProduct } from "../../prisma/factories";
import { startWorkers, type RunningWorkers } from "../../workers/start-workers";
import { address, api, harness, resetState, seedOtherSuppliers, seedWorld, waitFor } from "../helpers/harness";

let workers: RunningWorkers;
let ids: { phonex: string; cj: string; wsc: string };

beforeAll(() => {
  workers = startWorkers({ concurrency: 6 });
});
afterAll(() => workers.close());
beforeEach(async () => {
  await resetState();
  const world = await seedWorld({ products: 0 });
  const { cj, wsc } = await seedOtherSuppliers();
  ids = { phonex: world.supplier.id, cj: cj.id, wsc: wsc.id };
  const phone = (sku: string, model: string, storage: string, grade: string) => ({
    sku,
    name: `${model} ${storage} Grade ${grade}`,
    brand: "Apple",
    model,
    storage,
    color: "Black",
    grade,
  });
  await seedProduct(ids.phonex, { ...phone("IPHONE13-128GB-A", "iPhone 13", "128GB", "A"), cost: 329, price: 369, stock: 165, priority: 1 });
  await seedProduct(ids.cj, {
    ...phone("IPHONE12-128GB-B", "iPhone 12", "128GB", "B"),
    supplierSku: "CJ-VID-1003B",
    cost: 224,
    price: 251,
    stock: 84,
    priority: 1,
  });
  await seedProduct(ids.wsc, {
    ...phone("IPHONE15PRO-256GB-A", "iPhone 15 Pro", "256GB", "A"),
    supplierSku: "WSC-100401",
    cost: 789,
    price: 884,
    stock: 8,
    priority: 1,
  });
  // Sold by PhoneX (preferred) and CJ (fallback, cheaper).
  await seedProduct(ids.phonex, { ...phone("IPHONE13-128GB-B", "iPhone 13", "128GB", "B"), cost: 290, price: 325, stock: 105, priority: 1 });
  await seedProduct(ids.cj, {
    ...phone("IPHONE13-128GB-B", "iPhone 13", "128GB", "B"),
    supplierSku: "CJ-VID-1004B",
    cost: 284,
    price: 325,
    stock: 36,
    priority: 2,
  });
});

const place = (items: { sku: string; quantity: number }[]) =>
  api("/api/orders", { method: "POST", headers: { "Idempotency-Key": randomUUID() }, json: { items, shippingAddress: address, reference: "PO-SPLIT" } });
const statusOf = async (id: string) => (await db.order.findUniqueOrThrow({ where: { id } })).status;

it("splits an order over PhoneX, CJ and WesellCellular and follows each part to delivered", async () => {
  const { phonex, cj, wsc } = harness();
  const res = await place([
    { sku: "IPHONE13-128GB-A", quantity: 2 },
    { sku: "IPHONE12-128GB-B", quantity: 1 },
    { sku: "IPHONE15PRO-256GB-A", quantity: 1 },
  ]);
  expect(res.status).toBe(201);
  const id = res.body.id as string;
  const slugs = await db.supplierOrder.findMany({ where: { orderId: id }, select: { supplier: { select: { slug: true } } } });
  expect(slugs.map((s) => s.supplier.slug).sort()).toEqual(["cj", "phonex", "wesellcellular"]);
  // The reseller sees three parcels, never who ships them.
  expect(res.body.supplierOrders).toHaveLength(3);
  expect(JSON.stringify(res.body)).not.toMatch(/phonex|wesellcellular|"cj"/i);

  const seen = new Set<string>();
  await waitFor(
    async () => {
      const s = await statusOf(id);
      seen.add(s);
      return s === "delivered";
    },
    { what: "delivered", timeoutMs: 60_000 },
  ).catch(async (err) => {
    const sos = await db.supplierOrder.findMany({ where: { orderId: id }, select: { status: true, lastError: true, supplier: { select: { slug: true } } } });
    throw new Error(`${(err as Error).message}; supplier orders: ${JSON.stringify(sos)}`);
  });
  const order = await api(`/api/orders/${id}`);
  for (const so of order.body.supplierOrders) {
    expect(so.status).toBe("delivered");
    expect(so.trackingNumber).toBeTruthy();
    expect(so.supplierOrderId).toBeNull();
  }
  expect(await db.supplierOrder.count({ where: { orderId: id, supplierOrderId: null } })).toBe(0);
  // Each supplier got exactly one order.
  expect([...phonex.sim.state.createdByKey.values()]).toEqual([1]);
  expect([...cj.sim.state.createdByNumber.values()]).toEqual([1]);
  expect([...wsc.sim.state.createdByReference.values()]).toEqual([1]);
  // Status came from three channels.
  const { getOrderForOps } = await import("../../lib/orders/get-order-for-ops");
  const opsView = await getOrderForOps({ kind: "session", userId: "ops", email: "ops@portal.test", name: "Ops", role: "ops", companyId: null }, id);
  const sources = new Set(opsView.timeline.filter((e) => e.type === "status_changed").map((e) => e.source));
  expect(sources).toEqual(new Set(["worker", "webhook:phonex", "webhook:cj", "poll:wesellcellular"]));
  expect(JSON.stringify(order.body)).not.toMatch(/phonex|wesellcellular|"cj"|CJ Dropshipping/i);
  // One shipment email per parcel (each with its own tracking number), one delivered email, each once.
  await waitFor(async () => (await db.notification.count({ where: { orderId: id, status: { not: "sent" } } })) === 0, { what: "emails sent" });
  const toBuyer = harness()
    .mail.messages()
    .filter((m) => m.to.includes("buyer@worldtech.test") && m.subject.includes(res.body.number));
  const shipped = toBuyer.filter((m) => /shipped/i.test(m.subject));
  expect(shipped).toHaveLength(3);
  for (const so of order.body.supplierOrders) expect(shipped.filter((m) => m.text.includes(so.trackingNumber))).toHaveLength(1);
  expect(toBuyer.filter((m) => /delivered/i.test(m.subject))).toHaveLength(1);
  // The supplier orders carried our cost, never the reseller's price.
  expect(phonex.sim.state.orders.get(res.body.number)!.items[0]).toMatchObject({ unit_price: 329 });
});

it("a CJ create that times out after CJ created the order still leaves exactly one CJ order", async () => {
  const { cj } = harness();
  await db.supplier.update({ where: { id: ids.cj }, data: { timeoutMs: 800 } });
  cj.sim.configure({ failAfterCreateRate: 1, failAfterCreateMode: "timeout", hangMs: 2500, autoAdvance: false });
  const res = await place([{ sku: "IPHONE12-128GB-B", quantity: 1 }]);
  const id = res.body.id as string;
  await waitFor(async () => (await db.supplierCall.count({ where: { supplierId: ids.cj, ok: false } })) >= 1, { what: "timed-out call" });
  cj.sim.configure({ failAfterCreateRate: 0 });
  await waitFor(async () => (await statusOf(id)) !== "pending", { what: "forwarded", timeoutMs: 30_000 });
  expect(["submitted", "processing"]).toContain(await statusOf(id));
  expect([...cj.sim.state.createdByNumber.values()]).toEqual([1]);
  expect(cj.sim.state.orders.size).toBe(1);
});

it("reroutes a line PhoneX rejects to the next offer at the same price, and says so", async () => {
  const { phonex, cj, mail } = harness();
  phonex.sim.configure({ rejectSkus: ["IPHONE13-128GB-B"] });
  const res = await place([{ sku: "IPHONE13-128GB-B", quantity: 3 }]);
  const id = res.body.id as string;
  expect(res.body.supplierOrders).toHaveLength(1);
  await waitFor(async () => (await statusOf(id)) === "delivered", { what: "delivered via CJ", timeoutMs: 60_000 });
  const order = await api(`/api/orders/${id}`);
  // The reseller sees the parcel that shipped, not the part that moved, and not who shipped it; ops see both.
  expect(order.body.supplierOrders.map((s: { supplier: string | null; status: string }) => [s.supplier, s.status])).toEqual([[null, "delivered"]]);
  const { getOrderForOps } = await import("../../lib/orders/get-order-for-ops");
  const opsView = await getOrderForOps({ kind: "session", userId: "ops", email: "ops@portal.test", name: "Ops", role: "ops", companyId: null }, id);
  expect(Object.fromEntries(opsView.supplierOrders.map((s) => [s.supplier, s.status]))).toEqual({ phonex: "rejected", cj: "delivered" });
  expect(order.body.items[0]).toMatchObject({ sku: "IPHONE13-128GB-B", quantity: 3, unitPrice: "325.00" });
  expect(opsView.timeline.some((e) => e.type === "rerouted" && / cj /.test(e.message ?? ""))).toBe(true);
  expect(order.body.timeline.some((e: { type: string }) => e.type === "rerouted")).toBe(false);
  expect([...cj.sim.state.createdByNumber.values()]).toEqual([1]);
  // The reseller never heard "rejected".
  expect(mail.messages().filter((m) => m.subject.includes(res.body.number) && /reject/i.test(m.subject))).toHaveLength(0);
});

it("polls a supplier order whose webhooks never arrive, so it cannot stay stuck", async () => {
  const { phonex } = harness();
  phonex.sim.configure({ webhookUrl: null, paceMs: 100 });
  try {
    const res = await place([{ sku: "IPHONE13-128GB-A", quantity: 1 }]);
    const id = res.body.id as string;
    // No webhook will come; the reconciler notices the quiet order (RECONCILE_AFTER_MS) and asks PhoneX.
    await waitFor(async () => (await statusOf(id)) === "delivered", { what: "delivered by polling", timeoutMs: 30_000 });
    const polled = await db.orderEvent.count({ where: { orderId: id, source: "poll:phonex", type: "status_changed" } });
    expect(polled).toBeGreaterThan(0);
    expect(await db.webhookEvent.count()).toBe(0);
  } finally {
    phonex.sim.configure({ webhookUrl: `${harness().app.url}/api/webhooks/phonex` });
  }
});
