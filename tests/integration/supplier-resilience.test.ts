// Per-supplier resilience on real Redis: a rate limit that holds across two
// worker processes, and a circuit breaker that opens on a failing supplier
// and closes again after a successful probe.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { breaker } from "../../lib/suppliers/resilience/guard";
import { startWorkers, type RunningWorkers } from "../../workers/start-workers";
import { address, api, harness, resetState, seedWorld, waitFor } from "../helpers/harness";

const children: ChildProcess[] = [];
let workers: RunningWorkers | null = null;

beforeEach(async () => {
  await resetState();
});
afterEach(async () => {
  for (const c of children.splice(0)) c.kill("SIGTERM");
  await workers?.close();
  workers = null;
});

const place = (sku: string) =>
  api("/api/orders", { method: "POST", headers: { "Idempotency-Key": randomUUID() }, json: { items: [{ sku, quantity: 1 }], shippingAddress: address } });

it("never sends more than the configured requests per second to one supplier, across two workers", async () => {
  const world = await seedWorld({ rateLimitPerSec: 4 });
  const { phonex } = harness();
  phonex.sim.configure({ autoAdvance: false });
  for (let i = 0; i < 2; i++) {
    children.push(
      spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/node-hooks.mjs", "workers/index.ts"], {
        env: { ...process.env, LOG_LEVEL: "error", WORKER_CONCURRENCY: "10" },
        stdio: ["ignore", "inherit", "inherit"],
      }),
    );
  }
  // Warm both processes up first (module loading and the first fetch take a
  // while): a request held up after taking its slot would arrive bunched
  // with later ones and blur what is measured at the supplier.
  const warm = (await Promise.all(Array.from({ length: 6 }, () => place(world.skus[0]!)))).map((r) => r.body.id as string);
  await waitFor(async () => (await db.order.count({ where: { id: { in: warm }, status: "submitted" } })) === 6, { what: "warm-up", timeoutMs: 60_000 });
  const warmRefs = new Set((await db.supplierOrder.findMany({ where: { orderId: { in: warm } }, select: { reference: true } })).map((s) => s.reference));
  await new Promise((r) => setTimeout(r, 1000));

  const N = 24;
  const ids = (await Promise.all(Array.from({ length: N }, () => place(world.skus[0]!)))).map((r) => r.body.id as string);
  await waitFor(async () => (await db.order.count({ where: { id: { in: ids }, status: "submitted" } })) === N, { what: "all submitted", timeoutMs: 60_000 });

  // Every request PhoneX received, by the time it arrived.
  const times = [...phonex.sim.state.orders.values()]
    .filter((o) => !warmRefs.has(o.order_id))
    .map((o) => Date.parse(o.created_at))
    .sort((a, b) => a - b);
  expect(times).toHaveLength(N);
  let worst = 0;
  for (let i = 0; i < times.length; i++) {
    const inWindow = times.filter((t) => t >= times[i]! && t < times[i]! + 1000).length;
    worst = Math.max(worst, inWindow);
  }
  expect(worst).toBeLessThanOrEqual(4);
  // ...and the limit was the bottleneck, not something else: 24 orders at 4/s take about 6 s.
  expect(times[times.length - 1]! - times[0]!).toBeGreaterThanOrEqual(((N - 4) / 4) * 1000 - 250);
  // One create call per order, all logged.
  expect(await db.supplierCall.count({ where: { operation: "phonex.createOrder" } })).toBe(N + 6);
});

it("opens the circuit on a failing supplier, stops calling it, and closes after a good probe", async () => {
  const world = await seedWorld();
  const { phonex } = harness();
  phonex.sim.configure({ failureRate: 1, autoAdvance: false });
  workers = startWorkers({ concurrency: 4 });
  const ids = (await Promise.all(Array.from({ length: 3 }, () => place(world.skus[1]!)))).map((r) => r.body.id as string);

  await waitFor(async () => (await breaker().status(world.supplier.id)).state !== "closed", { what: "circuit open", timeoutMs: 20_000 });
  // While open, nothing reaches PhoneX.
  const before = phonex.sim.state.stats.simulatedFailures;
  const status = await breaker().status(world.supplier.id);
  if (status.state === "open") {
    await new Promise((r) => setTimeout(r, Math.max(0, status.retryInMs - 100)));
    expect(phonex.sim.state.stats.simulatedFailures).toBe(before);
  }
  // The orders are waiting, not failed: an open circuit spends no attempts.
  expect(await db.order.count({ where: { id: { in: ids }, status: "failed" } })).toBe(0);

  phonex.sim.configure({ failureRate: 0 });
  await waitFor(async () => (await db.order.count({ where: { id: { in: ids }, status: "submitted" } })) === 3, {
    what: "submitted after recovery",
    timeoutMs: 30_000,
  });
  expect((await breaker().status(world.supplier.id)).state).toBe("closed");
  expect([...phonex.sim.state.createdByKey.values()]).toEqual([1, 1, 1]);
});
