// Observability (issue 14 point 7): /api/metrics in Prometheus naming from prom-client, fleet-wide
// business figures counted from Postgres, this instance's HTTP figures by route template, valid
// per promtool (where installed; a strict format check otherwise); request ids on every answer,
// in the request's log lines and in the log lines of the jobs it enqueued.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { captureLogs } from "../../lib/logger";
import { startWorkers, type RunningWorkers } from "../../workers/start-workers";
import { address, api, harness, resetState, seedWorld, signedPhoneXWebhook, waitFor } from "../helpers/harness";
import { signedIn } from "../helpers/signed-in";
import { checkExposition, parseSamples, promtool, sample, type Samples } from "../helpers/prometheus";

let world: Awaited<ReturnType<typeof seedWorld>>;
let workers: RunningWorkers | null = null;
let logs: ReturnType<typeof captureLogs> | null = null;

beforeEach(async () => {
  await resetState();
  world = await seedWorld();
});
afterEach(async () => {
  logs?.stop();
  logs = null;
  await workers?.close();
  workers = null;
});

const place = (sku: string, headers: Record<string, string> = {}) =>
  api("/api/orders", {
    method: "POST",
    headers: { "Idempotency-Key": randomUUID(), ...headers },
    json: { items: [{ sku, quantity: 1 }], shippingAddress: address },
  });

async function scrape(): Promise<{ text: string; samples: Samples }> {
  const ops = await signedIn(world.ops.id);
  const res = await ops.call("/api/metrics");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
  const text = res.body as string;
  return { text, samples: parseSamples(text) };
}

it("GET /api/metrics counts the fleet's orders, forwards, failures, supplier calls, webhooks, emails and syncs, and this instance's requests; promtool passes", async () => {
  const { phonex } = harness();
  phonex.sim.configure({ autoAdvance: false });
  workers = startWorkers({ concurrency: 4 });
  const before = (await scrape()).samples;
  const delta = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels);

  // Three orders forwarded; a fourth whose create calls all fail (500) until forwarding gives up.
  const placed = await Promise.all([0, 1, 2].map(() => place(world.skus[0]!)));
  for (const p of placed) expect(p.status).toBe(201);
  await waitFor(async () => (await db.supplierOrder.count({ where: { status: "submitted" } })) === 3, { what: "three forwarded" });
  phonex.sim.configure({ failureRate: 1 });
  const doomed = await place(world.skus[1]!);
  expect(doomed.status).toBe(201);
  await waitFor(async () => (await db.supplierOrder.findFirst({ where: { orderId: doomed.body.id, status: "failed" } })) !== null, {
    what: "the fourth failed",
    timeoutMs: 30_000,
  });
  phonex.sim.configure({ failureRate: 0 });

  // Webhooks: one applied, the same event again (duplicate), one for an order we do not have.
  const number = placed[0]!.body.number as string;
  const accepted = { event: "order.status_updated", order_id: number, supplier_order_id: null, status: "accepted", updated_at: new Date().toISOString() };
  const eventId = `evt_${randomUUID()}`;
  expect((await signedPhoneXWebhook(accepted, { eventId })).status).toBe(202);
  expect((await signedPhoneXWebhook(accepted, { eventId })).status).toBe(200);
  expect((await signedPhoneXWebhook({ ...accepted, order_id: "PXSTKL9999999" })).status).toBe(202);
  await waitFor(async () => (await db.webhookEvent.count({ where: { outcome: "pending" } })) === 0, { what: "webhooks processed" });
  // Emails: every one sent (or given up) before counting.
  await waitFor(async () => (await db.notification.count({ where: { status: { in: ["pending", "sending"] } } })) === 0, { what: "emails out" });
  // A finished sync run of 1.2 s (its histogram: not in le=1, in le=5).
  await db.supplierSyncLog.create({ data: { supplierId: world.supplier.id, type: "inventory", status: "success", durationMs: 1200, finishedAt: new Date() } });
  // A read of one order: its route is labelled by template, not by its id.
  expect((await api(`/api/orders/${placed[1]!.body.id}`)).status).toBe(200);

  const { text, samples: after } = await scrape();

  // promtool where installed (Debian's prometheus package); else the same rules checked here.
  const lint = promtool(text);
  if (lint) expect(lint, lint.output).toEqual({ ok: true, output: "" });
  expect(checkExposition(text)).toEqual([]);

  // Orders, fleet-wide from Postgres.
  expect(delta("orders_placed_total")).toBe(4);
  expect(delta("orders_forwarded_total", { supplier: "phonex" })).toBe(3);
  expect(delta("orders_failed_total", { supplier: "phonex" })).toBe(1);
  expect(sample(after, "portal_orders", { status: "failed" })).toBe(1);
  expect(sample(after, "portal_supplier_orders", { supplier: "phonex", status: "submitted" })).toBe(2);

  // Supplier calls by supplier, operation and outcome, with their durations.
  const ok = { supplier: "phonex", operation: "phonex.createOrder", outcome: "ok" };
  const failedCalls = { ...ok, outcome: "error" };
  expect(delta("supplier_requests_total", ok)).toBe(3);
  expect(delta("supplier_requests_total", failedCalls)).toBe(await db.supplierCall.count({ where: { operation: "phonex.createOrder", ok: false } }));
  expect(sample(after, "supplier_requests_total", failedCalls)).toBeGreaterThanOrEqual(3);
  expect(sample(after, "supplier_request_duration_seconds_bucket", { ...ok, le: "+Inf" })).toBe(sample(after, "supplier_requests_total", ok));
  expect(sample(after, "supplier_request_duration_seconds_count", ok)).toBe(3);
  const calls = await db.supplierCall.findMany({ where: { operation: "phonex.createOrder", ok: true }, select: { durationMs: true } });
  expect(sample(after, "supplier_request_duration_seconds_bucket", { ...ok, le: "0.1" })).toBe(calls.filter((c) => c.durationMs <= 100).length);
  expect(sample(after, "supplier_request_duration_seconds_sum", ok)).toBeCloseTo(calls.reduce((a, c) => a + c.durationMs, 0) / 1000, 6);

  // Webhooks by outcome.
  expect(delta("webhooks_received_total", { supplier: "phonex", outcome: "applied" })).toBe(1);
  expect(delta("webhooks_received_total", { supplier: "phonex", outcome: "duplicate" })).toBe(1);
  expect(delta("webhooks_received_total", { supplier: "phonex", outcome: "unknown_order" })).toBe(1);

  // Emails: what SMTP took, as Postgres records it.
  const sent = await db.notification.count({ where: { status: "sent" } });
  expect(sent).toBeGreaterThanOrEqual(8); // two order_placed per order, and the failure's
  expect(delta("emails_sent_total")).toBe(sent);
  expect(harness().mail.messages().length).toBeGreaterThanOrEqual(sent);
  expect(delta("emails_failed_total")).toBe(await db.notification.count({ where: { status: "failed" } }));

  // Sync runs.
  const sync = { supplier: "phonex", type: "inventory" };
  expect(delta("sync_success_total", sync)).toBe(1);
  expect(sample(after, "sync_duration_seconds_bucket", { ...sync, outcome: "success", le: "1" })).toBe(0);
  expect(sample(after, "sync_duration_seconds_bucket", { ...sync, outcome: "success", le: "5" })).toBe(1);
  expect(sample(after, "sync_duration_seconds_sum", { ...sync, outcome: "success" })).toBeCloseTo(1.2, 6);

  // Queues and breakers.
  expect(after.has('portal_queue_jobs{queue="orders-forward",state="waiting"}')).toBe(true);
  expect(sample(after, "supplier_circuit_state", { supplier: "phonex" })).toBe(0);

  // This instance's HTTP figures, by route template and status.
  const orders201 = { method: "POST", route: "/api/orders", status: "201" };
  expect(delta("http_requests_total", orders201)).toBe(4);
  expect(delta("http_request_duration_seconds_count", orders201)).toBe(4);
  expect(delta("http_request_duration_seconds_bucket", { ...orders201, le: "+Inf" })).toBe(4);
  expect(delta("http_requests_total", { method: "GET", route: "/api/orders/{id}", status: "200" })).toBe(1);
  expect(delta("http_requests_total", { method: "POST", route: "/api/webhooks/{supplier}", status: "202" })).toBe(2);
  expect(text).not.toContain(placed[1]!.body.id);
  expect(text).toMatch(/^process_cpu_seconds_total /m);
});

it("every answer carries X-Request-Id: the caller's when well-formed, else a new one; the request's jobs log with it", async () => {
  workers = startWorkers({ concurrency: 4 });
  logs = captureLogs("info");
  const id = `req-${randomUUID()}:1`;
  const res = await place(world.skus[0]!, { "X-Request-Id": id });
  expect(res.status).toBe(201);
  expect(res.headers.get("x-request-id")).toBe(id);
  const number = res.body.number as string;

  // The request's own line, and the line of the forwarding job it enqueued (run by the worker).
  await waitFor(async () => logs!.lines.find((l) => l.msg === "order forwarded" && l.number === number), { what: "the forward's line" });
  const mine = logs.lines.filter((l) => l.number === number);
  expect(mine.find((l) => l.msg === "order placed")).toMatchObject({ level: "info", requestId: id, orderId: res.body.id, lines: 1, source: "api" });
  expect(mine.find((l) => l.msg === "order forwarded")).toMatchObject({ requestId: id, supplier: "phonex" });
  expect(mine.find((l) => l.msg === "status changed")).toMatchObject({ requestId: id, from: "pending", to: "submitted", source: "worker" });
  // No address or email in any of them.
  for (const l of mine) expect(JSON.stringify(l)).not.toMatch(/Commerce Blvd|@worldtech/);
  // The jobs' rows carry it (so a job put back by the recovery pass runs with it too).
  const rows = await db.$queryRaw<{ name: string; requestId: string | null }[]>`
    SELECT "name", "payload"->>'requestId' AS "requestId" FROM "OutboxMessage" WHERE "subject" LIKE 'forward:%' OR "subject" LIKE 'email:%'`;
  expect(rows.length).toBeGreaterThanOrEqual(3);
  for (const r of rows.filter((r) => r.name === "forward-supplier-order")) expect(r.requestId).toBe(id);

  // Absent: generated (a UUID). Malformed (a space, too long): replaced, never echoed.
  const none = await api("/api/products");
  expect(none.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  for (const bad of ["has space", "x".repeat(129), "semi;colon"]) {
    const r = await api("/api/products", { headers: { "X-Request-Id": bad } });
    expect(r.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  }
  // Errors too: unauthenticated, not found, a method not served, a path no route defines, a webhook with no signature.
  const errors = await Promise.all([
    api("/api/orders", { key: null, headers: { "X-Request-Id": "e1" } }),
    api(`/api/orders/${randomUUID()}`, { headers: { "X-Request-Id": "e2" } }),
    api("/api/orders", { method: "PUT", headers: { "X-Request-Id": "e3" } }),
    // The catch-all for paths no route defines (the test server has no catch-all of its own: called as Next would).
    import("../../app/api/[...path]/route").then(({ GET }) =>
      GET(new Request(`${harness().app.url}/api/no-such-thing`, { headers: { "X-Request-Id": "e4" } })),
    ),
    api("/api/webhooks/phonex", { method: "POST", key: null, json: {}, headers: { "X-Request-Id": "e5" } }),
  ]);
  expect(errors.map((r) => [r.status, r.headers.get("x-request-id")])).toEqual([
    [401, "e1"],
    [404, "e2"],
    [405, "e3"],
    [404, "e4"],
    [401, "e5"],
  ]);
});
