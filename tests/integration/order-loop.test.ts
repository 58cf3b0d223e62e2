// The order loop on real Postgres, Redis, SMTP and the PhoneX simulator:
// API → outbox → worker → PhoneX → signed webhooks → status → email.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { startWorkers, type RunningWorkers } from "../../workers/start-workers";
import { address, api, harness, resetState, seedWorld, waitFor } from "../helpers/harness";

let workers: RunningWorkers;
let world: Awaited<ReturnType<typeof seedWorld>>;

beforeAll(() => {
  workers = startWorkers({ concurrency: 5 });
});
afterAll(async () => {
  await workers.close();
});
beforeEach(async () => {
  await resetState();
  world = await seedWorld();
});

const orderStatus = async (id: string) => (await db.order.findUniqueOrThrow({ where: { id } })).status;

describe("order loop", () => {
  it("forwards an API order to PhoneX once and follows its webhooks to delivered, emailing each event once", async () => {
    const { mail, phonex } = harness();
    // Steps far enough apart that each webhook is applied before the next one
    // arrives (the reordered case has its own test below).
    phonex.sim.configure({ paceMs: 500 });
    const [sku1, sku2] = world.skus;
    const res = await api("/api/orders", {
      method: "POST",
      headers: { "Idempotency-Key": "it-loop-1" },
      json: {
        items: [
          { sku: sku1, quantity: 2 },
          { sku: sku2, quantity: 1 },
        ],
        shippingAddress: address,
        reference: "PO-88121",
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.status).toBe("pending");
    expect(res.body.number).toMatch(/^PXSTKL\d{7}$/);
    const id = res.body.id as string;

    await waitFor(async () => (await orderStatus(id)) === "delivered", { what: "delivered", timeoutMs: 30_000 });

    // PhoneX got exactly one order, with our order number and the contract's body.
    expect([...phonex.sim.state.createdByKey.values()]).toEqual([1]);
    const simOrder = phonex.sim.state.orders.get(res.body.number);
    expect(simOrder).toBeTruthy();

    const order = await api(`/api/orders/${id}`);
    expect(order.body.status).toBe("delivered");
    // A parcel, not a sourcing record: no supplier name or supplier order id for the reseller.
    expect(order.body.supplierOrders[0]).toMatchObject({ supplier: null, supplierOrderId: null, status: "delivered", carrier: "UPS" });
    expect(JSON.stringify(order.body)).not.toMatch(/phonex|ORD\d|px_/i);
    expect(order.body.supplierOrders[0].trackingNumber).toMatch(/^1Z/);
    // Every step, in order. (The accepted webhook may overtake the worker's own
    // "submitted", which is then ignored as a step backwards.)
    const statuses = order.body.timeline.filter((e: { type: string }) => e.type === "status_changed").map((e: { status: string }) => e.status);
    expect(statuses.filter((s: string) => s !== "submitted")).toEqual(["accepted", "processing", "shipped", "delivered"]);

    // One email per event per recipient (buyer + company contact), received over SMTP.
    const expected = ["order_placed", "order_accepted", "order_processing", "order_shipped", "order_delivered"];
    await waitFor(async () => (await db.notification.count({ where: { orderId: id, status: "sent" } })) === expected.length * 2, { what: "emails sent" });
    const msgs = mail.messages().filter((m) => m.subject.includes(res.body.number));
    expect(msgs).toHaveLength(expected.length * 2);
    const toBuyer = msgs.filter((m) => m.to.includes("buyer@worldtech.test"));
    expect(toBuyer).toHaveLength(expected.length);
    const shipped = toBuyer.find((m) => /shipped/i.test(m.subject));
    expect(shipped?.text).toContain(simOrder!.tracking_number!);
    expect(shipped?.html).toContain(simOrder!.tracking_number!);
  });

  it("stays correct when webhooks arrive duplicated and out of order", async () => {
    const { mail, phonex } = harness();
    phonex.sim.configure({ duplicateRate: 1, outOfOrder: true, paceMs: 40 });
    const res = await api("/api/orders", {
      method: "POST",
      headers: { "Idempotency-Key": "it-dup-1" },
      json: { items: [{ sku: world.skus[0], quantity: 1 }], shippingAddress: address },
    });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    await waitFor(async () => (await orderStatus(id)) === "delivered", { what: "delivered", timeoutMs: 30_000 });
    // Let every duplicate and straggler arrive, then check nothing changed.
    await waitFor(async () => phonex.sim.state.webhooks.length >= 8 && (await db.webhookEvent.count({ where: { outcome: "pending" } })) === 0, {
      what: "all webhooks processed",
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(await orderStatus(id)).toBe("delivered");
    const dups = await db.webhookEvent.count({ where: { outcome: "duplicate" } });
    expect(dups).toBeGreaterThan(0);
    const notes = await db.notification.findMany({ where: { orderId: id }, select: { idempotencyKey: true } });
    expect(new Set(notes.map((n) => n.idempotencyKey)).size).toBe(notes.length);
    await waitFor(async () => (await db.notification.count({ where: { orderId: id, status: { not: "sent" } } })) === 0, { what: "emails sent" });
    const subjects = mail
      .messages()
      .filter((m) => m.to.includes("buyer@worldtech.test"))
      .map((m) => m.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
  });

  it("survives a supplier answering 500 after creating the order: still exactly one PhoneX order", async () => {
    const { phonex } = harness();
    phonex.sim.configure({ failAfterCreateRate: 1, autoAdvance: false });
    const res = await api("/api/orders", {
      method: "POST",
      headers: { "Idempotency-Key": "it-500-1" },
      json: { items: [{ sku: world.skus[1], quantity: 3 }], shippingAddress: address },
    });
    const id = res.body.id as string;
    await waitFor(async () => (await orderStatus(id)) === "submitted", { what: "submitted" });
    // The first call created the order and answered 500; the retry got the original order back.
    expect(await db.supplierCall.count({ where: { operation: "phonex.createOrder", ok: false } })).toBe(1);
    expect([...phonex.sim.state.createdByKey.values()]).toEqual([1]);
    expect(phonex.sim.state.stats.replays).toBeGreaterThanOrEqual(1);
    const so = await db.supplierOrder.findFirstOrThrow({ where: { orderId: id } });
    expect(so.attempts).toBe(2);
    expect(so.status).toBe("submitted");
  });

  it("marks an order failed after the last attempt, tells ops, and ops can retry it", async () => {
    const { mail, phonex } = harness();
    phonex.sim.configure({ failureRate: 1, autoAdvance: false });
    const res = await api("/api/orders", {
      method: "POST",
      headers: { "Idempotency-Key": "it-fail-1" },
      json: { items: [{ sku: world.skus[2], quantity: 1 }], shippingAddress: address },
    });
    const id = res.body.id as string;
    await waitFor(async () => (await orderStatus(id)) === "failed", { what: "failed", timeoutMs: 30_000 });
    const so = await db.supplierOrder.findFirstOrThrow({ where: { orderId: id } });
    expect(so.lastError).toMatch(/after 6 attempts/);
    const opsMail = await mail.waitFor((m) => m.to.includes("ops@portal.test") && m.subject.includes(res.body.number), 10_000);
    expect(opsMail.text).toContain(`/ops/orders/${id}`);
    expect(phonex.sim.state.orders.size).toBe(0);

    phonex.sim.configure({ failureRate: 0 });
    const { retryOrder } = await import("../../lib/orders/retry-order");
    await retryOrder({ kind: "session", userId: world.ops.id, email: world.ops.email, name: "Sam Ops", role: "ops", companyId: null }, id);
    await waitFor(async () => (await orderStatus(id)) === "submitted", { what: "submitted after retry" });
    expect([...phonex.sim.state.createdByKey.values()]).toEqual([1]);
  });
});

describe("email delivery", () => {
  it("retries when the SMTP server fails, and sends each email once", async () => {
    const { mail, phonex } = harness();
    phonex.sim.configure({ autoAdvance: false });
    mail.failNext(3);
    const res = await api("/api/orders", {
      method: "POST",
      headers: { "Idempotency-Key": "it-smtp-1" },
      json: { items: [{ sku: world.skus[0], quantity: 1 }], shippingAddress: address },
    });
    const id = res.body.id as string;
    await waitFor(async () => (await db.notification.count({ where: { orderId: id, status: "sent" } })) === 2, {
      what: "both confirmations sent",
      timeoutMs: 30_000,
    });
    const notes = await db.notification.findMany({ where: { orderId: id } });
    expect(notes.reduce((n, x) => n + x.attempts, 0)).toBe(2 + 3);
    const got = mail.messages().filter((m) => m.subject.includes(res.body.number));
    expect(got.map((m) => m.to[0]).sort()).toEqual(["buyer@worldtech.test", "purchasing@worldtech.test"]);
  });
});
