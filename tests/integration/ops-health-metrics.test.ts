// Health, metrics and the ops order views.
import { randomUUID } from "node:crypto";
import { beforeEach, expect, it } from "vitest";
import { collectMetrics } from "../../lib/ops/collect-metrics";
import { countOrdersByStatus, listOrders } from "../../lib/orders/list-orders";
import { getOrderForOps } from "../../lib/orders/get-order-for-ops";
import { address, api, harness, resetState, seedWorld } from "../helpers/harness";

let world: Awaited<ReturnType<typeof seedWorld>>;
beforeEach(async () => {
  await resetState();
  world = await seedWorld();
});

const ops = () => ({ kind: "session" as const, userId: world.ops.id, email: world.ops.email, name: "Sam Ops", role: "ops" as const, companyId: null });

it("GET /api/health reports db, redis and queues", async () => {
  const res = await fetch(`${harness().app.url}/api/health`);
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ status: "ok", db: "ok", redis: "ok" });
  expect(Object.keys(body.queues)).toEqual(expect.arrayContaining(["orders-forward", "webhooks-process", "email-send"]));
});

it("GET /api/metrics is Prometheus text, for staff only", async () => {
  expect((await api("/api/metrics")).status).toBe(403);
  await api("/api/orders", {
    method: "POST",
    headers: { "Idempotency-Key": randomUUID() },
    json: { items: [{ sku: world.skus[0], quantity: 1 }], shippingAddress: address },
  });
  const text = await collectMetrics();
  expect(text).toContain("# TYPE portal_orders gauge");
  expect(text).toMatch(/portal_orders\{status="pending"\} 1/);
  expect(text).toMatch(/portal_supplier_orders\{supplier="phonex",status="pending"\} 1/);
  expect(text).toMatch(/portal_queue_jobs\{queue="orders-forward",state="waiting"\} \d+/);
  expect(text).toMatch(/portal_supplier_circuit_open\{supplier="phonex",state="closed"\} 0/);
});

it("ops see every company's orders, with counts by status and the order's calls, webhooks and emails", async () => {
  const placed = await api("/api/orders", {
    method: "POST",
    headers: { "Idempotency-Key": randomUUID() },
    json: { items: [{ sku: world.skus[1], quantity: 1 }], shippingAddress: address },
  });
  const list = await listOrders(ops(), { limit: 25 });
  expect(list.data.map((o) => o.id)).toContain(placed.body.id);
  expect(list.data[0]!.company.name).toBe("Worldtech Mobile");
  expect(await countOrdersByStatus(ops(), {})).toEqual({ pending: 1 });
  const detail = await getOrderForOps(ops(), placed.body.id);
  expect(detail).toHaveProperty("supplierCalls");
  expect(detail.emails.map((e) => e.type)).toEqual(["order_placed", "order_placed"]);
  expect(detail.supplierOrders[0]).toHaveProperty("lastError");
});
