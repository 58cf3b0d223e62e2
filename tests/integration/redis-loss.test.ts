// Postgres is the record of what must happen; Redis only schedules it.
// Redis loses everything mid-flight (as a restart without persistence, a FLUSHDB
// or a failover to an empty replica would): orders, emails, webhooks, a cancel
// and the job schedulers all still complete, each exactly once.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { getQueue } from "../../lib/queue/connection";
import { QUEUES } from "../../lib/queue/names";
import { RECONCILE_SCHEDULER, RECOVERY_SCHEDULER } from "../../lib/ops/recover-work";
import { syncSchedulerId } from "../../lib/catalog/sync/schedule-supplier-syncs";
import { startWorkers, type RunningWorkers } from "../../workers/start-workers";
import { address, api, harness, resetState, seedWorld, signedPhoneXWebhook, waitFor, wipeRedis } from "../helpers/harness";

let workers: RunningWorkers | null = null;
let world: Awaited<ReturnType<typeof seedWorld>>;

beforeEach(async () => {
  await resetState();
  world = await seedWorld();
});
afterEach(async () => {
  await workers?.close();
  workers = null;
});

async function place(sku: string, quantity = 1) {
  const res = await api("/api/orders", {
    method: "POST",
    headers: { "Idempotency-Key": randomUUID() },
    json: { items: [{ sku, quantity }], shippingAddress: address },
  });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, number: res.body.number as string };
}

const statusOf = async (id: string) => (await db.order.findUniqueOrThrow({ where: { id } })).status;

/** Every notification sent, each Message-ID delivered exactly once, none missing. */
async function expectEveryEmailOnce() {
  const { mail } = harness();
  await waitFor(async () => (await db.notification.count({ where: { status: { not: "sent" } } })) === 0, { what: "every email sent", timeoutMs: 30_000 });
  const notes = await db.notification.findMany({ select: { id: true, messageId: true } });
  expect(notes.length).toBeGreaterThan(0);
  const got = new Map<string, number>();
  for (const m of mail.messages()) got.set(m.messageId ?? "", (got.get(m.messageId ?? "") ?? 0) + 1);
  for (const n of notes) expect(got.get(n.messageId!), `email ${n.id}`).toBe(1);
  expect(mail.messages()).toHaveLength(notes.length);
}

describe("Redis loses its data", () => {
  it("while jobs wait: orders placed with no worker running are forwarded once a worker starts, from Postgres alone", async () => {
    const { phonex } = harness();
    phonex.sim.configure({ paceMs: 100 });
    const orders = [await place(world.skus[0]!), await place(world.skus[1]!), await place(world.skus[2]!)];
    // The jobs are in Redis (waiting) ... and then they are not.
    expect(await getQueue(QUEUES.forward).getJobCounts("waiting")).toMatchObject({ waiting: 3 });
    await wipeRedis();
    expect(await getQueue(QUEUES.forward).getJobCounts("waiting")).toMatchObject({ waiting: 0 });

    workers = startWorkers({ concurrency: 4 });
    for (const o of orders) await waitFor(async () => (await statusOf(o.id)) === "delivered", { what: `order ${o.number} delivered`, timeoutMs: 30_000 });
    expect([...phonex.sim.state.createdByKey.values()]).toEqual([1, 1, 1]);
    await expectEveryEmailOnce();
  });

  it("mid-flight, twice: forwards, webhooks, emails and a cancel complete exactly once, and the schedulers come back", async () => {
    const { phonex } = harness();
    // Slow enough that jobs are waiting, active and delayed when Redis goes.
    phonex.sim.configure({ paceMs: 300, latencyMs: 150, failAfterCreateRate: 0.3 });
    workers = startWorkers({ concurrency: 3 });
    await workers.ready;
    await waitFor(async () => (await getQueue(QUEUES.maintenance).getJobScheduler(RECOVERY_SCHEDULER)) != null, { what: "recovery scheduler" });

    const orders = [];
    for (let i = 0; i < 8; i++) orders.push(await place(world.skus[i % world.skus.length]!));
    const toCancel = await place(world.skus[0]!);
    phonex.sim.configure({ autoAdvance: true });
    await wipeRedis();

    await waitFor(async () => (await statusOf(toCancel.id)) !== "pending", { what: "the order to cancel submitted", timeoutMs: 30_000 });
    const c = await api(`/api/orders/${toCancel.id}/cancel`, { method: "POST" });
    expect([202, 409]).toContain(c.status);
    // Webhooks are flowing and emails are queued: Redis goes again.
    await waitFor(async () => (await db.webhookEvent.count({ where: { verified: true } })) >= 4, { what: "webhooks arriving", timeoutMs: 30_000 });
    const wiped = await wipeRedis();
    // The schedulers went with it (a worker may already have put them back).
    expect(wiped.some((k) => k.endsWith(`:repeat:${RECOVERY_SCHEDULER}`))).toBe(true);

    for (const o of orders) await waitFor(async () => (await statusOf(o.id)) === "delivered", { what: `order ${o.number} delivered`, timeoutMs: 40_000 });
    if (c.status === 202) {
      // The cancel was sent to PhoneX exactly once: it either canceled the order or refused
      // (it had shipped by then), and the order ends accordingly.
      await waitFor(async () => (await db.supplierOrder.findFirstOrThrow({ where: { orderId: toCancel.id } })).cancelSentAt, {
        what: "cancel sent",
        timeoutMs: 30_000,
      });
      const refused = await db.orderEvent.count({ where: { orderId: toCancel.id, type: "cancel_refused" } });
      await waitFor(async () => (await statusOf(toCancel.id)) === (refused ? "delivered" : "canceled"), { what: "canceled or delivered", timeoutMs: 30_000 });
      expect(phonex.sim.state.orders.get(toCancel.number)?.status).toBe(refused ? "delivered" : "canceled");
    }

    // Exactly one PhoneX order per supplier order, whatever was replayed.
    expect(phonex.sim.state.orders.size).toBe(9);
    expect([...phonex.sim.state.createdByKey.values()].every((n) => n === 1)).toBe(true);
    // Every webhook event processed, none stuck pending.
    await waitFor(async () => (await db.webhookEvent.count({ where: { outcome: "pending" } })) === 0, { what: "webhooks processed", timeoutMs: 20_000 });
    await expectEveryEmailOnce();
    // The schedulers are back (recovery pass, reconciler, the supplier's catalog syncs).
    const maintenance = getQueue(QUEUES.maintenance);
    await waitFor(
      async () => (await maintenance.getJobScheduler(RECOVERY_SCHEDULER)) != null && (await maintenance.getJobScheduler(RECONCILE_SCHEDULER)) != null,
      { what: "schedulers back" },
    );
    await waitFor(async () => (await getQueue(QUEUES.catalogSync).getJobScheduler(syncSchedulerId(world.supplier.id, "stock"))) != null, {
      what: "sync scheduler back",
    });
    // Nothing left open in Postgres.
    await waitFor(async () => (await db.outboxMessage.count({ where: { status: "open", queue: { not: QUEUES.catalogSync } } })) === 0, {
      what: "no open jobs",
    });
  });

  it("a webhook stored while its job was lost is applied, and a supplier order with no job at all is found by the domain scan", async () => {
    const { phonex } = harness();
    phonex.sim.configure({ autoAdvance: false });
    workers = startWorkers({ concurrency: 2 });
    const o = await place(world.skus[0]!);
    await waitFor(async () => (await statusOf(o.id)) === "submitted", { what: "submitted" });
    await workers.close();
    workers = null;

    // A signed webhook is stored (202) and its job vanishes with Redis.
    const res = await signedPhoneXWebhook({
      event: "order.accepted",
      order_id: o.number,
      supplier_order_id: null,
      status: "accepted",
      updated_at: new Date().toISOString(),
    });
    expect(res.status).toBe(202);
    // And an order whose forward job row was lost from the outbox itself (the domain scan's case).
    const lonely = await place(world.skus[1]!);
    const so = await db.supplierOrder.findFirstOrThrow({ where: { orderId: lonely.id } });
    await db.outboxMessage.deleteMany({ where: { subject: `forward:${so.id}` } });
    await wipeRedis();

    workers = startWorkers({ concurrency: 2 });
    await waitFor(async () => (await statusOf(o.id)) === "accepted", { what: "webhook applied" });
    await waitFor(async () => (await statusOf(lonely.id)) === "submitted", { what: "orphan forwarded", timeoutMs: 20_000 });
    expect([...phonex.sim.state.createdByKey.values()]).toEqual([1, 1]);
  });
});
