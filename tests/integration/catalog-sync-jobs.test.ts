// The catalog sync as ops and the worker fleet see it:
// "sync now" through the API and the queue, two workers racing for the same
// supplier, the per-supplier job schedulers, the sync log listing and the
// staff-only sync.progress live events. Real routes, Redis, BullMQ and the
// PhoneX simulator.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Principal } from "../../lib/auth/principal";
import { db } from "../../lib/db/client";
import { getQueue } from "../../lib/queue/connection";
import { QUEUES } from "../../lib/queue/names";
import { scheduleSupplierSyncs, syncSchedulerId } from "../../lib/catalog/sync/schedule-supplier-syncs";
import { phonexCatalog } from "../../prisma/demo-data/phonex-catalog";
import { startWorkers, type RunningWorkers } from "../../workers/start-workers";
import { API_KEY, api, harness, resetState, seedWorld, waitFor } from "../helpers/harness";
import { openSse } from "../helpers/sse";

// next-auth needs a Next.js request: a test double answers "who is signed in"
// for requests carrying a session cookie; withApi and the handlers are real.
const session = vi.hoisted(() => ({ principal: null as Principal | null }));
vi.mock("../../lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/auth/session")>()),
  getSessionPrincipal: async () => session.principal,
}));

let world: Awaited<ReturnType<typeof seedWorld>>;
let running: RunningWorkers[] = [];
let ops: Principal;

beforeEach(async () => {
  await resetState();
  world = await seedWorld();
  harness().phonex.sim.configure({ autoAdvance: false });
  ops = { kind: "session", userId: world.ops.id, email: world.ops.email, name: world.ops.name, role: "ops", companyId: null };
  session.principal = ops;
});
afterEach(async () => {
  await Promise.all(running.map((w) => w.close()));
  running = [];
});

const asOps = (path: string, init: RequestInit & { json?: unknown } = {}) => {
  const headers = new Headers(init.headers);
  headers.set("cookie", "next-auth.session-token=integration");
  return api(path, { ...init, headers, key: null });
};
const workers = () => {
  const w = startWorkers({ concurrency: 2, queues: [QUEUES.catalogSync] });
  running.push(w);
  return w;
};

describe("sync now", () => {
  it("queues a run through the outbox (202), the worker runs it, and the log lists it", async () => {
    workers();
    const res = await asOps(`/api/ops/suppliers/${world.supplier.id}/sync`, { method: "POST", json: { kind: "catalog" } });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ jobId: expect.any(String), supplierId: world.supplier.id, kind: "catalog" });
    const log = await waitFor(() => db.supplierSyncLog.findFirst({ where: { status: "success" } }), { what: "sync success" });
    expect(log).toMatchObject({ type: "catalog", trigger: "manual", seen: phonexCatalog.length, added: phonexCatalog.length - world.skus.length });

    const list = await asOps("/api/ops/sync-logs");
    expect(list.status).toBe(200);
    expect(list.body.data[0]).toMatchObject({ id: log.id, kind: "catalog", status: "success", supplier: { slug: "phonex" }, seen: phonexCatalog.length });
    expect(list.body.suppliers).toEqual([expect.objectContaining({ slug: "phonex", syncStockMinutes: 15, syncCatalogMinutes: 60 })]);
  });

  it("accepts the supplier's slug, refuses a bad kind (422), resellers (403) and unknown suppliers (404)", async () => {
    expect((await asOps("/api/ops/suppliers/phonex/sync", { method: "POST", json: { kind: "stock" } })).status).toBe(202);
    const bad = await asOps("/api/ops/suppliers/phonex/sync", { method: "POST", json: { kind: "everything" } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toHaveProperty("kind");
    expect((await api("/api/ops/suppliers/phonex/sync", { method: "POST", json: { kind: "stock" } })).status).toBe(403);
    expect((await api("/api/ops/sync-logs")).status).toBe(403);
    expect((await asOps("/api/ops/suppliers/nope/sync", { method: "POST", json: { kind: "stock" } })).status).toBe(404);
  });
});

describe("two workers racing for one supplier", () => {
  it("runs exactly one sync; the other job completes as already running", async () => {
    // Two worker sets, as two processes would be; a slow supplier keeps the first run going.
    harness().phonex.sim.configure({ latencyMs: 600 });
    workers();
    workers();
    const queue = getQueue(QUEUES.catalogSync);
    const data = { supplierId: world.supplier.id, kind: "stock", trigger: "manual" };
    const [a, b] = await Promise.all([queue.add("catalog-sync", data), queue.add("catalog-sync", data)]);
    const results = await waitFor(
      async () => {
        const jobs = await Promise.all([a, b].map((j) => queue.getJob(j.id!)));
        return jobs.every((j) => j?.finishedOn) ? jobs.map((j) => (j!.returnvalue as { status: string }).status) : null;
      },
      { what: "both jobs done", timeoutMs: 30_000 },
    );
    expect(results.sort()).toEqual(["already_running", "success"]);
    expect(await db.supplierSyncLog.count()).toBe(1);
  });
});

describe("schedules", () => {
  it("keeps one scheduler per active supplier and kind, at the supplier's intervals", async () => {
    const queue = getQueue(QUEUES.catalogSync);
    const id = world.supplier.id;
    expect(await scheduleSupplierSyncs()).toMatchObject({ scheduled: 2, removed: 0 });
    const every = async () => Object.fromEntries((await queue.getJobSchedulers(0, -1)).map((j) => [j.key, j.every]));
    expect(await every()).toEqual({ [syncSchedulerId(id, "stock")]: 15 * 60_000, [syncSchedulerId(id, "catalog")]: 60 * 60_000 });
    // Not due yet: the first run is one interval away, so a worker restart does not sync everything at once.
    const next = await queue.getJobScheduler(syncSchedulerId(id, "stock"));
    expect(next?.next).toBeGreaterThan(Date.now() + 14 * 60_000);

    expect(await scheduleSupplierSyncs()).toMatchObject({ scheduled: 0, unchanged: 2 });
    await db.supplier.update({ where: { id }, data: { syncStockMinutes: 5, syncCatalogMinutes: 0 } });
    expect(await scheduleSupplierSyncs()).toMatchObject({ scheduled: 1, removed: 1 });
    expect(await every()).toEqual({ [syncSchedulerId(id, "stock")]: 5 * 60_000 });
    await db.supplier.update({ where: { id }, data: { active: false } });
    expect(await scheduleSupplierSyncs()).toMatchObject({ removed: 1 });
    expect(await every()).toEqual({});
  });
});

describe("live progress", () => {
  it("streams sync.progress to staff, up to the final state, and never to resellers", async () => {
    const staff = openSse(`${harness().app.url}/api/events`, { cookie: "next-auth.session-token=integration" });
    const reseller = openSse(`${harness().app.url}/api/events`, { authorization: `Bearer ${API_KEY}` });
    await Promise.all([staff.ready, reseller.ready]);
    workers();
    expect((await asOps(`/api/ops/suppliers/${world.supplier.id}/sync`, { method: "POST", json: { kind: "catalog" } })).status).toBe(202);
    const final = await waitFor(async () => staff.events.map((e) => JSON.parse(e.data)).find((e) => e.type === "sync.progress" && e.status === "success"), {
      what: "final sync.progress",
    });
    expect(final).toMatchObject({ supplierSlug: "phonex", kind: "catalog", phase: "done", processed: phonexCatalog.length, seen: phonexCatalog.length });
    expect(staff.events.filter((e) => e.event === "sync.progress").map((e) => JSON.parse(e.data).status)[0]).toBe("running");
    await new Promise((r) => setTimeout(r, 300));
    expect(reseller.events.filter((e) => e.event === "sync.progress")).toEqual([]);
    staff.close();
    reseller.close();
  });
});
