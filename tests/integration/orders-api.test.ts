// The order API of docs/api.md over HTTP, on the real database.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { seedApiKey, seedCompany, seedUser } from "../../prisma/factories";
import { address, api, resetState, seedWorld } from "../helpers/harness";

let world: Awaited<ReturnType<typeof seedWorld>>;
beforeEach(async () => {
  await resetState();
  world = await seedWorld();
});

const order = (over: Record<string, unknown> = {}) => ({ items: [{ sku: world.skus[0], quantity: 2 }], shippingAddress: address, reference: "PO-1", ...over });
const post = (body: unknown, key: string | null = `k-${Math.random()}`, apiKey?: string) =>
  api("/api/orders", { method: "POST", json: body, key: apiKey, headers: key ? { "Idempotency-Key": key } : {} });

describe("POST /api/orders", () => {
  it("prices from the catalog, never from the request, and reserves stock", async () => {
    const product = await db.product.findUniqueOrThrow({ where: { sku: world.skus[0] } });
    // A price in the request is not a field of the order: refused, naming it, and nothing placed.
    const priced = await post({ ...order(), items: [{ sku: world.skus[0], quantity: 2, unitPrice: "0.01" }] });
    expect(priced.status).toBe(422);
    expect(priced.body.error.fields).toEqual({ "items.0.unitPrice": "Unknown field" });
    expect(await db.order.count()).toBe(0);
    const res = await post({ ...order(), items: [{ sku: world.skus[0], quantity: 2 }] });
    expect(res.status).toBe(201);
    expect(res.body.items[0]).toMatchObject({ sku: world.skus[0], quantity: 2, unitPrice: product.price.toFixed(2) });
    expect(res.body.subtotal).toBe((Number(product.price) * 2).toFixed(2));
    expect(res.body).toMatchObject({ currency: "USD", reference: "PO-1", status: "pending" });
    for (const f of ["id", "number", "items", "shippingAddress", "supplierOrders", "timeline", "createdAt", "updatedAt"]) expect(res.body).toHaveProperty(f);
    expect((await db.product.findUniqueOrThrow({ where: { sku: world.skus[0] } })).stock).toBe(product.stock - 2);
    // Saved with its items, supplier order, first timeline event and forwarding job, all at once.
    const saved = await db.order.findUniqueOrThrow({ where: { id: res.body.id }, include: { items: true, supplierOrders: true, events: true } });
    expect(saved.items).toHaveLength(1);
    expect(saved.supplierOrders).toHaveLength(1);
    expect(saved.events[0]?.type).toBe("created");
    expect(await db.outboxMessage.count({ where: { name: "forward-supplier-order" } })).toBe(1);
  });

  it("replays the original response for the same key and body, and refuses another body", async () => {
    const first = await post(order(), "same-key");
    const again = await post(order(), "same-key");
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await db.order.count()).toBe(1);
    const other = await post(order({ reference: "PO-2" }), "same-key");
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("idempotency_conflict");
  });

  it("creates one order when the same key races", async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => post(order(), "race-key")));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await db.order.count()).toBe(1);
  });

  it("requires an Idempotency-Key from API-key callers", async () => {
    const res = await post(order(), null);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "validation_failed", fields: { "Idempotency-Key": expect.any(String) } });
  });

  it("names each invalid field", async () => {
    const res = await post({ items: [{ sku: world.skus[0], quantity: 0 }], shippingAddress: { ...address, country: "United States" } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("validation_failed");
    expect(Object.keys(res.body.error.fields).sort()).toEqual(["items.0.quantity", "shippingAddress.country"]);
  });

  it("answers malformed JSON, wrong content type and huge bodies without a 500", async () => {
    const bad = await api("/api/orders", { method: "POST", headers: { "Idempotency-Key": "x", "content-type": "application/json" }, body: "{nope" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.body).toBeTruthy();
    const huge = await api("/api/orders", {
      method: "POST",
      headers: { "Idempotency-Key": "y", "content-type": "application/json" },
      body: JSON.stringify({ ...order(), notes: "x".repeat(300 * 1024) }),
    });
    expect(huge.status).toBe(413);
  });

  it("refuses unknown SKUs and more than is in stock, saying what is available", async () => {
    const unknown = await post(order({ items: [{ sku: "NOPE-1", quantity: 1 }] }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: "unknown_sku", sku: "NOPE-1" });
    const p = await db.product.findUniqueOrThrow({ where: { sku: world.skus[1] } });
    const tooMany = await post(order({ items: [{ sku: world.skus[1], quantity: p.stock + 1 }] }));
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error).toMatchObject({ code: "out_of_stock", sku: world.skus[1], available: p.stock });
    expect(await db.order.count()).toBe(0);
  });

  it("never oversells under concurrent orders", async () => {
    const p = await db.product.findUniqueOrThrow({ where: { sku: world.skus[2] } });
    const qty = Math.ceil(p.stock / 3);
    const results = await Promise.all(Array.from({ length: 5 }, () => post(order({ items: [{ sku: world.skus[2], quantity: qty }] }))));
    const ok = results.filter((r) => r.status === 201).length;
    expect(ok).toBe(Math.floor(p.stock / qty));
    expect(results.filter((r) => r.status === 422).every((r) => r.body.error.code === "out_of_stock")).toBe(true);
    const offer = await db.supplierOffer.findFirstOrThrow({ where: { productId: p.id } });
    expect(offer.stock).toBe(p.stock - ok * qty);
  });

  it("401 without credentials, 401 for an unknown or revoked key", async () => {
    expect((await api("/api/orders", { key: null })).status).toBe(401);
    const r = await api("/api/orders", { key: "pk_live_not_a_real_key_000000" });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe("unauthenticated");
  });
});

describe("reading and canceling orders", () => {
  it("a reseller sees only its own company's orders; another company's order is a 404", async () => {
    const mine = await post(order());
    const other = await seedCompany({ name: "Other Co", customerId: "other-1" });
    const u = await seedUser({ email: "x@other.test", companyId: other.id });
    const { key } = await seedApiKey({ companyId: other.id, userId: u.id });
    expect((await api(`/api/orders/${mine.body.id}`, { key })).status).toBe(404);
    const list = await api("/api/orders", { key });
    expect(list.body).toEqual({ data: [], nextCursor: null });
    expect((await api(`/api/orders/${mine.body.id}`)).body.id).toBe(mine.body.id);
  });

  it("lists with filters and cursor paging, newest first", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await post(order({ items: [{ sku: world.skus[3], quantity: 1 }], reference: `REF-${i}` }))).body.id);
    const p1 = await api("/api/orders?limit=2");
    expect(p1.body.data.map((o: { id: string }) => o.id)).toEqual([ids[4], ids[3]]);
    const p2 = await api(`/api/orders?limit=2&cursor=${p1.body.nextCursor}`);
    expect(p2.body.data.map((o: { id: string }) => o.id)).toEqual([ids[2], ids[1]]);
    const p3 = await api(`/api/orders?limit=2&cursor=${p2.body.nextCursor}`);
    expect(p3.body.data.map((o: { id: string }) => o.id)).toEqual([ids[0]]);
    expect(p3.body.nextCursor).toBeNull();
    expect((await api("/api/orders?q=REF-3")).body.data).toHaveLength(1);
    expect((await api("/api/orders?status=delivered")).body.data).toHaveLength(0);
    expect((await api("/api/orders?limit=500")).status).toBe(422);
  });

  it("cancel: 202 before shipment, 409 not_cancelable once shipped", async () => {
    const a = await post(order());
    const res = await api(`/api/orders/${a.body.id}/cancel`, { method: "POST" });
    expect(res.status).toBe(202);
    expect(res.body.timeline.some((e: { type: string }) => e.type === "cancel_requested")).toBe(true);

    const b = await post(order());
    await db.supplierOrder.updateMany({ where: { orderId: b.body.id }, data: { status: "shipped" } });
    const refused = await api(`/api/orders/${b.body.id}/cancel`, { method: "POST" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("not_cancelable");
  });

  it("reseller keys cannot reach ops APIs", async () => {
    const res = await api("/api/ops/orders");
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
  });
});

describe("GET /api/products", () => {
  it("lists the catalog with price and stock, filtered and paged", async () => {
    const all = await api("/api/products?limit=100");
    expect(all.status).toBe(200);
    expect(all.body.data).toHaveLength(world.skus.length);
    expect(all.body.data[0]).toEqual(
      expect.objectContaining({ sku: expect.any(String), price: expect.stringMatching(/^\d+\.\d{2}$/), stock: expect.any(Number), active: true }),
    );
    const page = await api("/api/products?limit=2");
    expect(page.body.data).toHaveLength(2);
    const next = await api(`/api/products?limit=100&cursor=${page.body.nextCursor}`);
    expect(next.body.data).toHaveLength(world.skus.length - 2);
    const brand = all.body.data[0].brand;
    expect((await api(`/api/products?brand=${brand}`)).body.data.every((p: { brand: string }) => p.brand === brand)).toBe(true);
    expect((await api("/api/products?limit=101")).status).toBe(422);
  });
});
