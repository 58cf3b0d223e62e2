// Failed work (issue 14 point 3) on the real database, Redis, workers and the PhoneX simulator:
// failed jobs of several queues listed with their error and attempts (BullMQ's failed set and the
// outbox rows given up, merged by job id), a retry that makes the work succeed once and BullMQ's
// failed count drop to 0, and a discard that removes the job and marks its row.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { getQueue } from "../../lib/queue/connection";
import { QUEUES } from "../../lib/queue/names";
import { startWorkers, type RunningWorkers } from "../../workers/start-workers";
import { address, api, harness, resetState, seedWorld, waitFor } from "../helpers/harness";
import { signedIn } from "../helpers/signed-in";

let workers: RunningWorkers;
let world: Awaited<ReturnType<typeof seedWorld>>;
let ops: Awaited<ReturnType<typeof signedIn>>["call"];

beforeAll(() => {
  workers = startWorkers({ concurrency: 4 });
});
afterAll(() => workers.close());
beforeEach(async () => {
  await resetState();
  world = await seedWorld();
  ops = (await signedIn(world.ops.id)).call;
});

const failedCount = async (queue: (typeof QUEUES)[keyof typeof QUEUES]) => (await getQueue(queue).getJobCounts("failed")).failed ?? 0;

/** An order whose forward PhoneX refuses until it gives up: its supplier order failed, its job dead. */
async function failedForward() {
  harness().phonex.sim.configure({ failureRate: 1, autoAdvance: false });
  const res = await api("/api/orders", {
    method: "POST",
    headers: { "Idempotency-Key": randomUUID() },
    json: { items: [{ sku: world.skus[1], quantity: 1 }], shippingAddress: address },
  });
  const id = res.body.id as string;
  await waitFor(async () => (await db.order.findUniqueOrThrow({ where: { id } })).status === "failed", { what: "failed", timeoutMs: 30_000 });
  const so = await db.supplierOrder.findFirstOrThrow({ where: { orderId: id } });
  const row = await waitFor(() => db.outboxMessage.findFirst({ where: { subject: `forward:${so.id}`, status: "dead" } }), { what: "dead forward" });
  await waitFor(async () => (await failedCount(QUEUES.forward)) === 1, { what: "the forward in BullMQ's failed set" });
  return { orderId: id, number: res.body.number as string, supplierOrderId: so.id, jobId: row.id };
}

/** A job whose payload no version can run (written by hand or by a bug), through the outbox. */
async function poisonedEmail() {
  const id = randomUUID();
  await db.outboxMessage.create({ data: { id, queue: QUEUES.email, name: "send-email", subject: "email:42", payload: { data: { notificationId: 42 } } } });
  await getQueue(QUEUES.email).add("send-email", { notificationId: 42 }, { jobId: id, attempts: 3 });
  await waitFor(async () => (await db.outboxMessage.findUniqueOrThrow({ where: { id } })).status === "dead", { what: "poisoned job given up" });
  await waitFor(async () => (await failedCount(QUEUES.email)) === 1, { what: "the email job in BullMQ's failed set" });
  return id;
}

describe("failed work", () => {
  it("lists the failed jobs of every queue with error and attempts, merged with their outbox rows", async () => {
    const f = await failedForward();
    const poisoned = await poisonedEmail();
    // A job with no outbox row (as a poll or a scheduler's tick): only BullMQ knows it failed.
    await getQueue(QUEUES.orders).add("poll-supplier-order", { supplierOrderId: "" }, { jobId: "poll-broken", attempts: 1 });
    await waitFor(async () => (await failedCount(QUEUES.orders)) === 1, { what: "the poll in BullMQ's failed set" });

    const r = await ops("/api/ops/jobs");
    expect(r.status).toBe(200);
    const items = r.body.data as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get(f.jobId)).toMatchObject({
      queue: QUEUES.forward,
      name: "forward-supplier-order",
      subject: `forward:${f.supplierOrderId}`,
      state: "failed",
      outboxStatus: "dead",
      bullState: "failed",
      about: { orderId: f.orderId, orderNumber: f.number, href: `/ops/orders/${f.orderId}` },
    });
    expect(byId.get(f.jobId)!.lastError).toMatch(/gave up after 6 attempts/);
    expect(byId.get(f.jobId)!.attempts).toBeGreaterThanOrEqual(6);
    expect(byId.get(poisoned)).toMatchObject({
      queue: QUEUES.email,
      state: "failed",
      outboxStatus: "dead",
      lastError: expect.stringMatching(/^invalid payload: notificationId/),
    });
    expect(byId.get("poll-broken")).toMatchObject({
      queue: QUEUES.orders,
      outboxStatus: null,
      bullState: "failed",
      lastError: expect.stringMatching(/invalid payload/),
    });
    // Each job once, though BullMQ and Postgres both hold it.
    expect(items.filter((i) => i.id === f.jobId)).toHaveLength(1);
    expect(r.body.counts).toEqual(
      expect.arrayContaining([
        { queue: QUEUES.forward, failed: 1, dead: 1, stalled: 0 },
        { queue: QUEUES.email, failed: 1, dead: 1, stalled: 0 },
        { queue: QUEUES.orders, failed: 1, dead: 0, stalled: 0 },
      ]),
    );
    // Filters.
    const ids = async (q: string) => ((await ops(`/api/ops/jobs?${q}`)).body.data as { id: string }[]).map((i) => i.id).sort();
    expect(await ids(`queue=${QUEUES.email}`)).toEqual([poisoned]);
    expect(await ids("state=dead")).toEqual([f.jobId, poisoned].sort());
    expect(await ids("state=failed")).toEqual([f.jobId, poisoned, "poll-broken"].sort());
    expect(await ids("state=stalled")).toEqual([]);
    const first = await ops("/api/ops/jobs?limit=2");
    expect(first.body.data).toHaveLength(2);
    const second = await ops(`/api/ops/jobs?limit=2&cursor=${first.body.nextCursor}`);
    expect([...first.body.data, ...second.body.data].map((i: { id: string }) => i.id).sort()).toEqual([f.jobId, poisoned, "poll-broken"].sort());
    const bad = await ops("/api/ops/jobs?queue=nope&state=gone");
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["queue", "state"]);
  });

  it("a retry makes the work succeed once and BullMQ's failed count drop to 0", async () => {
    const f = await failedForward();
    harness().phonex.sim.configure({ failureRate: 0 });
    const r = await ops("/api/ops/jobs/retry", { method: "POST", json: { ids: [f.jobId] } });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ done: [{ id: f.jobId, queue: QUEUES.forward }], skipped: [], notFound: [] });
    await waitFor(async () => (await db.order.findUniqueOrThrow({ where: { id: f.orderId } })).status === "submitted", { what: "submitted after retry" });
    // Once at PhoneX, under the same job id, its row done, and nothing failed any more.
    expect([...harness().phonex.sim.state.createdByKey.values()]).toEqual([1]);
    await waitFor(async () => (await db.outboxMessage.findUniqueOrThrow({ where: { id: f.jobId } })).status === "done", { what: "row done" });
    expect(await db.outboxMessage.count({ where: { subject: `forward:${f.supplierOrderId}` } })).toBe(1);
    expect(await failedCount(QUEUES.forward)).toBe(0);
    expect((await ops("/api/ops/jobs")).body.data).toEqual([]);
    const timeline = await db.orderEvent.findMany({ where: { orderId: f.orderId, type: "retry_requested" } });
    expect(timeline).toHaveLength(1);
    expect(timeline[0]!.source).toBe("ops:ops@portal.test");
    expect(await db.auditEntry.count({ where: { action: "job.retried", entityType: "job", entityId: f.jobId, actorEmail: "ops@portal.test" } })).toBe(1);
    // Retrying again: the row is done, nothing runs.
    expect((await ops("/api/ops/jobs/retry", { method: "POST", json: { ids: [f.jobId] } })).body.skipped).toEqual([{ id: f.jobId, reason: "already done" }]);
  });

  it("an order's retry from the ops board also clears its failed job (the gauge does not stay at 1)", async () => {
    const f = await failedForward();
    harness().phonex.sim.configure({ failureRate: 0 });
    expect((await ops(`/api/ops/orders/${f.orderId}/retry`, { method: "POST" })).status).toBeLessThan(300);
    await waitFor(async () => (await db.order.findUniqueOrThrow({ where: { id: f.orderId } })).status === "submitted", { what: "submitted after retry" });
    expect(await failedCount(QUEUES.forward)).toBe(0);
    expect([...harness().phonex.sim.state.createdByKey.values()]).toEqual([1]);
  });

  it("retry by queue, and a discard removes the job and marks the row (the domain row stays as it is)", async () => {
    const f = await failedForward();
    const poisoned = await poisonedEmail();
    await getQueue(QUEUES.orders).add("poll-supplier-order", { supplierOrderId: "" }, { jobId: "poll-broken", attempts: 1 });
    await waitFor(async () => (await failedCount(QUEUES.orders)) === 1, { what: "the poll in BullMQ's failed set" });

    const d = await ops("/api/ops/jobs/discard", { method: "POST", json: { ids: [poisoned, f.jobId, "poll-broken", "no-such-job"] } });
    expect(d.status).toBe(200);
    expect(d.body.done.map((x: { id: string }) => x.id).sort()).toEqual([f.jobId, poisoned, "poll-broken"].sort());
    expect(d.body.notFound).toEqual(["no-such-job"]);
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: poisoned } })).toMatchObject({ status: "discarded" });
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: f.jobId } })).toMatchObject({ status: "discarded" });
    // The failed supplier order stays failed, for ops to see; nothing runs it again.
    expect(await db.supplierOrder.findUniqueOrThrow({ where: { id: f.supplierOrderId } })).toMatchObject({ status: "failed" });
    expect(await failedCount(QUEUES.email)).toBe(0);
    expect(await failedCount(QUEUES.forward)).toBe(0);
    expect(await failedCount(QUEUES.orders)).toBe(0);
    expect((await ops("/api/ops/jobs")).body.data).toEqual([]);
    expect(await db.auditEntry.count({ where: { action: "job.discarded" } })).toBe(3);
    // The recovery pass does not bring a discarded job back.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await db.outboxMessage.count({ where: { subject: `forward:${f.supplierOrderId}` } })).toBe(1);
    expect(harness().phonex.sim.state.orders.size).toBe(0);

    // A discarded job can still be retried; by queue, every failed or given-up job of it.
    harness().phonex.sim.configure({ failureRate: 0 });
    const again = await ops("/api/ops/jobs/retry", { method: "POST", json: { ids: [f.jobId] } });
    expect(again.body.done).toEqual([{ id: f.jobId, queue: QUEUES.forward, name: "forward-supplier-order" }]);
    await waitFor(async () => (await db.order.findUniqueOrThrow({ where: { id: f.orderId } })).status === "submitted", { what: "submitted" });
    const second = await failedForwardAgain();
    harness().phonex.sim.configure({ failureRate: 0 });
    const byQueue = await ops("/api/ops/jobs/retry", { method: "POST", json: { queue: QUEUES.forward } });
    expect(byQueue.body.done.map((x: { id: string }) => x.id)).toEqual([second]);
    await waitFor(
      async () => (await failedCount(QUEUES.forward)) === 0 && (await db.outboxMessage.findUniqueOrThrow({ where: { id: second } })).status === "done",
      {
        what: "second retried",
      },
    );

    expect((await ops("/api/ops/jobs/retry", { method: "POST", json: {} })).status).toBe(422);
    expect((await ops("/api/ops/jobs/retry", { method: "POST", json: { queue: "nope" } })).status).toBe(422);
    expect((await ops("/api/ops/jobs/discard", { method: "POST", json: { ids: [] } })).status).toBe(422);
  });
});

/** Another failed forward in the same test (the first order is submitted by now). */
async function failedForwardAgain() {
  const f = await failedForward();
  return f.jobId;
}
