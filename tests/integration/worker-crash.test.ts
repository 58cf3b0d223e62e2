// A worker killed (SIGKILL) while its PhoneX request is in flight: the job is
// taken over by another worker after the lock expires, and the retry reuses
// the Idempotency-Key, so PhoneX still has exactly one order.
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeEach, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { startWorkers, type RunningWorkers } from "../../workers/start-workers";
import { address, api, harness, resetState, seedWorld, waitFor } from "../helpers/harness";
import { spawnWorker } from "../helpers/spawn-worker";

let child: ChildProcess | null = null;
let workers: RunningWorkers | null = null;

beforeEach(async () => {
  await resetState();
});
afterAll(async () => {
  child?.kill("SIGKILL");
  await workers?.close();
});

it("a worker crash mid-forward still ends in exactly one PhoneX order", async () => {
  const world = await seedWorld();
  const { phonex } = harness();
  phonex.sim.configure({ latencyMs: 4000, autoAdvance: false });

  child = spawnWorker();
  const res = await api("/api/orders", {
    method: "POST",
    headers: { "Idempotency-Key": "crash-1" },
    json: { items: [{ sku: world.skus[0], quantity: 1 }], shippingAddress: address },
  });
  expect(res.status).toBe(201);
  const id = res.body.id as string;

  // The separate worker process has started the supplier call...
  await waitFor(async () => (await db.supplierOrder.findFirst({ where: { orderId: id, attempts: 1 } })) !== null, { what: "first attempt", timeoutMs: 30_000 });
  // (a fresh process may take a moment from that write to the request; PhoneX holds the request 4 s)
  await new Promise((r) => setTimeout(r, 1200));
  // ...and dies without a chance to clean up.
  child.kill("SIGKILL");
  await new Promise((r) => child!.once("exit", r));
  child = null;
  expect((await db.supplierOrder.findFirstOrThrow({ where: { orderId: id } })).status).toBe("pending");

  // PhoneX finishes creating the order the dead worker asked for.
  await waitFor(async () => phonex.sim.state.orders.size === 1, { what: "PhoneX created it" });

  // A new worker takes the stalled job over and retries with the same key.
  phonex.sim.configure({ latencyMs: 0 });
  workers = startWorkers({ concurrency: 2 });
  await waitFor(async () => (await db.order.findUniqueOrThrow({ where: { id } })).status === "submitted", { what: "submitted", timeoutMs: 40_000 });

  expect([...phonex.sim.state.createdByKey.values()]).toEqual([1]);
  expect(phonex.sim.state.orders.size).toBe(1);
  expect(phonex.sim.state.stats.replays).toBeGreaterThanOrEqual(1);
  const so = await db.supplierOrder.findFirstOrThrow({ where: { orderId: id } });
  expect(so.attempts).toBe(2);
});
