// POST /api/orders/batch on the real route, database and Redis: each order
// answered on its own (created, or its error with the field), one
// Idempotency-Key for the batch (replayed whole, and a batch cut short and
// sent again creates only what the first attempt did not).
import { randomUUID } from "node:crypto";
import { beforeEach, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { address, api, resetState, seedWorld } from "../helpers/harness";

let skus: string[] = [];
beforeEach(async () => {
  await resetState();
  skus = (await seedWorld({ products: 2 })).skus;
});

const order = (sku: string, quantity = 1) => ({ items: [{ sku, quantity }], shippingAddress: address, reference: `PO-B-${randomUUID().slice(0, 6)}` });
const batch = (orders: unknown[], key = randomUUID()) => api("/api/orders/batch", { method: "POST", headers: { "Idempotency-Key": key }, json: { orders } });

it("answers each order on its own: created, unknown SKU, and a bad field named with its index", async () => {
  const res = await batch([order(skus[0]!), order("NOPE-1"), { ...order(skus[1]!), items: [{ sku: skus[1], quantity: 0 }] }, order(skus[1]!, 2)]);
  expect(res.status).toBe(200);
  const body = res.body as {
    data: { index: number; status: number; order?: { id: string; status: string }; error?: { code: string; fields?: Record<string, string> } }[];
    created: number;
    failed: number;
  };
  expect(body.data.map((r) => [r.index, r.status])).toEqual([
    [0, 201],
    [1, 422],
    [2, 422],
    [3, 201],
  ]);
  expect(body.data[0]!.order!.status).toBe("pending");
  expect(body.data[1]!.error!.code).toBe("unknown_sku");
  expect(body.data[2]!.error).toMatchObject({ code: "validation_failed", fields: { "orders.2.items.0.quantity": "At least 1" } });
  expect([body.created, body.failed]).toEqual([2, 2]);
  expect(await db.order.count()).toBe(2);
});

it("one key for the batch: sent again it is replayed whole, nothing is placed twice; another body with the key is a 409", async () => {
  const key = randomUUID();
  const orders = [order(skus[0]!), order(skus[1]!), order(skus[0]!, 3)];
  const first = await batch(orders, key);
  const again = await batch(orders, key);
  expect(again.status).toBe(200);
  expect(again.headers.get("idempotent-replayed")).toBe("true");
  expect(again.body).toEqual(first.body);
  expect(await db.order.count()).toBe(3);
  expect((await batch([order(skus[1]!)], key)).status).toBe(409);
});

it("a batch cut short and sent again creates only the orders the first attempt did not", async () => {
  const key = randomUUID();
  const orders = [order(skus[0]!), order(skus[1]!), order(skus[0]!)];
  await batch(orders, key);
  const placed = await db.order.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } });
  // As if the request died after placing the orders but before its answer was stored.
  await db.idempotencyKey.deleteMany({ where: { key } });
  const again = await batch(orders, key);
  const ids = (again.body as { data: { order?: { id: string } }[] }).data.map((r) => r.order?.id);
  expect(new Set(ids)).toEqual(new Set(placed.map((p) => p.id)));
  expect(await db.order.count()).toBe(3);
});

it("refuses an empty batch, more than 500 orders, and an API call without a key", async () => {
  expect((await batch([])).status).toBe(422);
  expect(((await batch(Array.from({ length: 501 }, () => order(skus[0]!)))).body as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty(
    "orders",
  );
  expect((await api("/api/orders/batch", { method: "POST", json: { orders: [order(skus[0]!)] } })).status).toBe(422);
});
