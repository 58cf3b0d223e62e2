// Hostile input: every case the outside run found, answered 4xx in the
// error shape with the field named, and webhooks that can only touch the
// order they name by our reference.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { encodeCursor } from "../../lib/wire/cursor";
import { seedApiKey, seedCompany, seedProduct, seedUser } from "../../prisma/factories";
import { startWorkers, type RunningWorkers } from "../../workers/start-workers";
import { address, api, harness, resetState, seedWorld, signedPhoneXWebhook, waitFor } from "../helpers/harness";

let world: Awaited<ReturnType<typeof seedWorld>>;

const order = (over: Record<string, unknown> = {}) => ({ items: [{ sku: world.skus[0], quantity: 1 }], shippingAddress: address, ...over });
const post = (body: unknown) => api("/api/orders", { method: "POST", headers: { "Idempotency-Key": randomUUID() }, json: body });

describe("strings a client sends", () => {
  beforeAll(async () => {
    await resetState();
    world = await seedWorld();
  });

  it.each([
    ["items.0.sku", () => order({ items: [{ sku: "IPHONE\u000012", quantity: 1 }] })],
    ["shippingAddress.line1", () => order({ shippingAddress: { ...address, line1: "1200 Commerce\u0000 Blvd" } })],
    ["shippingAddress.city", () => order({ shippingAddress: { ...address, city: "Miami\ud800" } })],
    ["reference", () => order({ reference: "PO-\u0000" })],
    ["reference", () => order({ reference: "PO-\udc00-1" })],
    ["notes", () => order({ notes: "ship \ud83d complete" })],
    ["shippingAddress.(key)", () => order({ shippingAddress: { ...address, ["x\u0000"]: "y" } })],
  ])("a NUL or a lone surrogate in %s is a 422 naming it", async (field, body) => {
    const res = await post(body());
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("validation_failed");
    expect(Object.keys(res.body.error.fields)).toEqual([field]);
    expect(await db.order.count()).toBe(0);
  });

  it.each([
    ["/api/products?q=a%00b", "q"],
    ["/api/products?brand=%00", "brand"],
    ["/api/orders?q=%00", "q"],
  ])("a NUL in the query (%s) is a 422 naming %s", async (path, field) => {
    const res = await api(path);
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toHaveProperty(field);
  });

  it("a NUL in a path id is a 422 naming it; an id that is not valid percent-encoding is a JSON 404", async () => {
    const nul = await api("/api/orders/abc%00def");
    expect(nul.status).toBe(422);
    expect(nul.body.error.fields).toHaveProperty("id");
    for (const path of ["/api/orders/%ff", "/api/orders/%E0%A4%A", "/api/orders/%ff/cancel"]) {
      const bad = await api(path, { method: path.endsWith("cancel") ? "POST" : "GET" });
      expect(bad.status, path).toBe(404);
      expect(bad.body.error.code).toBe("not_found");
    }
  });

  it("cursors that are not ours are a 422 naming cursor: dates Postgres cannot store, wrong shapes, NULs", async () => {
    const bad = [
      encodeCursor(new Date(8.64e15), "x"),
      Buffer.from("+275760-09-13T00:00:00.000Z|x").toString("base64url"),
      Buffer.from("2026-01-01T00:00:00.000Z").toString("base64url"),
      Buffer.from("2026-01-01T00:00:00.000Z|a\u0000").toString("base64url"),
      "not base64!",
    ];
    for (const cursor of bad) {
      const res = await api(`/api/orders?cursor=${encodeURIComponent(cursor)}`);
      expect(res.status, cursor).toBe(422);
      expect(res.body.error.fields).toHaveProperty("cursor");
    }
    const products = await api(`/api/products?cursor=${Buffer.from("\u0000").toString("base64url")}`);
    expect(products.status).toBe(422);
    // A cursor we minted still pages.
    const ok = await api(`/api/products?limit=2`);
    expect(ok.status).toBe(200);
    expect((await api(`/api/products?limit=2&cursor=${ok.body.nextCursor}`)).status).toBe(200);
  });

  it("brand and grade filters match themselves: backslashes and LIKE wildcards are literal", async () => {
    await seedProduct(world.supplier.id, {
      sku: "ODD-1",
      name: "Odd",
      brand: "Ac%e_\\",
      model: "X",
      storage: "64GB",
      color: "Black",
      grade: "A\\",
      price: 10,
      stock: 5,
    });
    for (const q of ["brand=%5C", "grade=A%5C%5C", "brand=a%25", "brand=_pple", "grade=%25"]) {
      const res = await api(`/api/products?${q}`);
      expect(res.status, q).toBe(200);
      expect(res.body.data, q).toEqual([]);
    }
    const exact = await api(`/api/products?brand=${encodeURIComponent("ac%e_\\")}&grade=${encodeURIComponent("a\\")}`);
    expect(exact.body.data.map((p: { sku: string }) => p.sku)).toEqual(["ODD-1"]);
    const apple = await api("/api/products?brand=APPLE");
    expect(apple.body.data.length).toBeGreaterThan(0);
  });

  it("a body that is not UTF-8 is a 422, not a silently mangled order", async () => {
    const res = await fetch(`${harness().app.url}/api/orders`, {
      method: "POST",
      headers: { authorization: `Bearer ${(await import("../helpers/harness")).API_KEY}`, "content-type": "application/json", "idempotency-key": randomUUID() },
      body: Buffer.concat([Buffer.from('{"items":[{"sku":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","quantity":1}]}')]),
    });
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields).toHaveProperty("body");
  });
});

describe("webhooks touch only the order they name by our reference", () => {
  let workers: RunningWorkers;
  beforeAll(() => {
    workers = startWorkers({ concurrency: 4 });
  });
  afterAll(() => workers.close());
  beforeEach(async () => {
    await resetState();
    world = await seedWorld();
    harness().phonex.sim.configure({ autoAdvance: false });
  });

  const signed = (body: Record<string, unknown>) => signedPhoneXWebhook(body) as Promise<{ status: number; body: { id?: string } }>;
  const processed = async (id: string) =>
    waitFor(
      async () => {
        const e = await db.webhookEvent.findUniqueOrThrow({ where: { id } });
        return e.processedAt ? e : null;
      },
      { what: "event processed" },
    );

  /** Two companies, each with a submitted order; PhoneX knows them as ORD-A and ORD-B. */
  async function twoOrders() {
    const other = await seedCompany({ name: "Other Phones", customerId: "other-1" });
    const otherBuyer = await seedUser({ email: "buyer@other.test", companyId: other.id });
    await seedApiKey({ companyId: other.id, userId: otherBuyer.id, plain: "pk_live_integration_other_0000000000000" });
    const a = await post(order());
    const b = await api("/api/orders", {
      method: "POST",
      key: "pk_live_integration_other_0000000000000",
      headers: { "Idempotency-Key": randomUUID() },
      json: order(),
    });
    for (const o of [a, b])
      await waitFor(async () => (await db.order.findUniqueOrThrow({ where: { id: o.body.id } })).status === "submitted", { what: "submitted" });
    await db.supplierOrder.updateMany({ where: { orderId: a.body.id }, data: { supplierOrderId: "ORD-A" } });
    await db.supplierOrder.updateMany({ where: { orderId: b.body.id }, data: { supplierOrderId: "ORD-B" } });
    return { a: a.body as { id: string; number: string }, b: b.body as { id: string; number: string } };
  }

  it("order_id of one order with supplier_order_id of another company's: flagged, neither moves", async () => {
    const { a, b } = await twoOrders();
    const r = await signed({
      event: "order.status_updated",
      order_id: a.number,
      supplier_order_id: "ORD-B",
      status: "shipped",
      tracking_number: "1ZMISMATCH",
      carrier: "UPS",
      updated_at: new Date().toISOString(),
    });
    expect(r.status).toBe(202);
    const ev = await processed(r.body.id!);
    expect(ev).toMatchObject({ outcome: "mismatch", flagged: true });
    for (const o of [a, b]) expect((await db.order.findUniqueOrThrow({ where: { id: o.id } })).status).toBe("submitted");
    expect(await db.supplierOrder.count({ where: { trackingNumber: "1ZMISMATCH" } })).toBe(0);
    expect(await db.notification.count({ where: { type: "order_shipped" } })).toBe(0);
  });

  it("an order with no supplier id yet cannot take one that belongs to another order", async () => {
    const { a, b } = await twoOrders();
    await db.supplierOrder.updateMany({ where: { orderId: a.id }, data: { supplierOrderId: null } });
    const r = await signed({ event: "order.accepted", order_id: a.number, supplier_order_id: "ORD-B", updated_at: new Date().toISOString() });
    expect(await processed(r.body.id!)).toMatchObject({ outcome: "mismatch", flagged: true });
    expect((await db.supplierOrder.findFirstOrThrow({ where: { orderId: a.id } })).supplierOrderId).toBeNull();
    expect((await db.order.findUniqueOrThrow({ where: { id: b.id } })).status).toBe("submitted");
  });

  it("an unknown order_id with a known supplier_order_id is an unknown order, flagged, and changes nothing", async () => {
    const { b } = await twoOrders();
    const r = await signed({
      event: "order.status_updated",
      order_id: "PXSTKL9999999",
      supplier_order_id: "ORD-B",
      status: "delivered",
      updated_at: new Date().toISOString(),
    });
    expect(r.status).toBe(202);
    expect(await processed(r.body.id!)).toMatchObject({ outcome: "unknown_order", flagged: true });
    expect((await db.order.findUniqueOrThrow({ where: { id: b.id } })).status).toBe("submitted");
  });

  it("a signed event of a type we do not know is stored, flagged and acknowledged; a malformed one is refused and stored without its body", async () => {
    const r = await signed({ event: "order.refunded", order_id: "PXSTKL0000001", amount: "12.00" });
    expect(r.status).toBe(202);
    const stored = await db.webhookEvent.findUniqueOrThrow({ where: { id: r.body.id! } });
    expect(stored).toMatchObject({ outcome: "unknown_event", flagged: true, verified: true, eventType: "order.refunded" });
    expect(stored.rawBody).toContain("order.refunded");

    const bad = await signed({ event: "order.status_updated", order_id: 42, status: "shipped" });
    expect(bad.status).toBe(400);
    const rejected = await db.webhookEvent.findFirstOrThrow({ where: { httpStatus: 400 }, orderBy: { receivedAt: "desc" } });
    expect(rejected.rawBody).toBeNull();
    const nul = await signed({ event: "order.status_updated", order_id: "PX\u0000", status: "shipped" });
    expect(nul.status).toBe(400);
  });

  it("a burst of 600 concurrent valid events: every one answered 202, every one stored", async () => {
    const a = await post(order());
    const number = a.body.number as string;
    const answers = await Promise.all(
      Array.from({ length: 600 }, (_, i) =>
        signed({
          event: "order.status_updated",
          order_id: number,
          supplier_order_id: null,
          status: i % 2 ? "accepted" : "processing",
          updated_at: new Date().toISOString(),
        }),
      ),
    );
    const byStatus: Record<number, number> = {};
    for (const x of answers) byStatus[x.status] = (byStatus[x.status] ?? 0) + 1;
    expect(byStatus).toEqual({ 202: 600 });
    expect(await db.webhookEvent.count({ where: { source: "phonex", verified: true, httpStatus: 202 } })).toBe(600);
  });
});

describe("CJ messages touch only the order their orderNumber names", () => {
  let workers: RunningWorkers;
  beforeAll(() => {
    workers = startWorkers({ concurrency: 4 });
  });
  afterAll(() => workers.close());

  it("orderNumber of one order with the orderId of another company's: flagged after the read-back, neither moves", async () => {
    await resetState();
    world = await seedWorld({ products: 0 });
    const { seedOtherSuppliers } = await import("../helpers/harness");
    const { cj } = await seedOtherSuppliers();
    const { signCj } = await import("../../lib/suppliers/cj/signature");
    harness().cj.sim.configure({ autoAdvance: false });
    await seedProduct(cj.id, {
      sku: "IPHONE12-128GB-B",
      name: "iPhone 12 128GB Grade B",
      brand: "Apple",
      model: "iPhone 12",
      storage: "128GB",
      color: "Black",
      grade: "B",
      supplierSku: "CJ-VID-1003B",
      cost: 224,
      price: 251,
      stock: 84,
    });
    const other = await seedCompany({ name: "Other Phones", customerId: "other-2" });
    const otherBuyer = await seedUser({ email: "buyer2@other.test", companyId: other.id });
    await seedApiKey({ companyId: other.id, userId: otherBuyer.id, plain: "pk_live_integration_other_0000000000001" });
    const body = { items: [{ sku: "IPHONE12-128GB-B", quantity: 1 }], shippingAddress: address };
    const a = await api("/api/orders", { method: "POST", headers: { "Idempotency-Key": randomUUID() }, json: body });
    const b = await api("/api/orders", {
      method: "POST",
      key: "pk_live_integration_other_0000000000001",
      headers: { "Idempotency-Key": randomUUID() },
      json: body,
    });
    const soOf = (orderId: string) => db.supplierOrder.findFirstOrThrow({ where: { orderId } });
    for (const o of [a, b]) await waitFor(async () => (await soOf(o.body.id)).supplierOrderId, { what: "at CJ" });
    const [soA, soB] = [await soOf(a.body.id), await soOf(b.body.id)];
    const statusA = (await db.order.findUniqueOrThrow({ where: { id: a.body.id } })).status;
    // CJ has shipped B; a message names A by our orderNumber but carries B's orderId.
    const simB = harness().cj.sim.state.orders.get(soB.reference)!;
    Object.assign(simB, { orderStatus: "SHIPPED", trackNumber: "CJTRACKB", shippedAt: Date.now(), updatedAt: Date.now() });
    const messageId = randomUUID();
    const raw = JSON.stringify({
      messageId,
      type: "ORDER",
      messageType: "UPDATE",
      params: { orderNumber: soA.reference, orderId: soB.supplierOrderId, orderStatus: "SHIPPED" },
    });
    const res = await fetch(`${harness().app.url}/api/webhooks/cj`, {
      method: "POST",
      body: raw,
      headers: { "content-type": "application/json", sign: signCj(process.env.CJ_OPEN_ID!, raw) },
    });
    expect(res.status).toBe(200);
    const ev = await waitFor(
      async () => {
        const e = await db.webhookEvent.findFirst({ where: { source: "cj", dedupeKey: messageId, processedAt: { not: null } } });
        return e ?? null;
      },
      { what: "CJ message processed" },
    );
    expect(ev).toMatchObject({ outcome: "mismatch", flagged: true });
    expect((await db.order.findUniqueOrThrow({ where: { id: a.body.id } })).status).toBe(statusA);
    expect((await soOf(a.body.id)).trackingNumber).toBeNull();
    // Neither moved because of the message: no timeline entry carries its id. (B may move all the same: CJ
    // really has shipped it, and says so in its own messages and to the reconciler's polls, every 250 ms here.)
    const fromMessage = await db.orderEvent.count({
      where: { orderId: { in: [a.body.id, b.body.id] }, type: "status_changed", data: { path: ["eventId"], equals: messageId } },
    });
    expect(fromMessage).toBe(0);
  });
});
