import { createHmac } from "node:crypto";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cjHandlers } from "../../../tests/msw/cj";
import type { SupplierConfig } from "../types";
import { CjAdapter } from "./adapter";
import { signCj, verifyCjSignature } from "./signature";
import { cjCatalog, createCjSimulator } from "../../../dev/simulators/cj";
import { MemoryCjTokenStore } from "./token-store";
import { CJ_WEBHOOK_SUCCESS, isCjInventoryEvent } from "./webhook";

const BASE = "https://cj-hooks.test/api2.0/v1";
const KEY = "cj_hook_key";
const OPEN_ID = "1486957394221047808";
const sim = createCjSimulator({ apiKey: KEY, openId: OPEN_ID, autoAdvance: false, qps: 0 });
const server = setupServer(...cjHandlers(BASE, sim));
const config: SupplierConfig = {
  id: "s",
  slug: "cj",
  kind: "cj",
  baseUrl: BASE,
  credentials: { apiKey: KEY, openId: OPEN_ID },
  webhookSecrets: [],
  timeoutMs: 500,
  rateLimitPerSec: 0,
};
const adapter = new CjAdapter(config, undefined, { tokenStore: new MemoryCjTokenStore() });

const order = {
  messageId: "7cceede817dc47ed9d4b5fde3ea3f8c5",
  type: "ORDER",
  messageType: "UPDATE",
  params: {
    orderNumber: "so_1",
    cjOrderId: "__ID__" as string | number,
    orderStatus: "SHIPPED",
    logisticName: "CJPacket",
    trackNumber: "CJPKL1",
    trackingUrl: "https://t/1",
    updateDate: "2025-10-30 18:06:39",
  },
};
// As CJ sends it: a snowflake id as a bare number, past JS number precision.
const body = Buffer.from(JSON.stringify(order).replace('"__ID__"', "210823100016290555"));
const headers = (over: Record<string, string | undefined> = {}) => {
  const h = new Headers();
  for (const [k, v] of Object.entries({ sign: signCj(OPEN_ID, body), "content-type": "application/json", ...over })) if (v !== undefined) h.set(k, v);
  return h;
};
const parse = (msg: unknown, id = "m1") => adapter.parseWebhook(Buffer.from(JSON.stringify(msg)), id);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => sim.reset());
afterAll(() => {
  server.close();
  sim.close();
});

describe("CJ webhook signature", () => {
  it("is Base64(HMAC-SHA256(key = openId, message = raw body))", () => {
    expect(signCj(OPEN_ID, body)).toBe(createHmac("sha256", OPEN_ID).update(body).digest("base64"));
  });

  it("accepts a valid sign and takes the messageId as the event id", () => {
    expect(adapter.verifyWebhook({ headers: headers(), rawBody: body })).toEqual({ ok: true, eventId: order.messageId });
  });

  it("rejects a tampered body, a wrong key, and a missing or malformed sign", () => {
    const tampered = Buffer.from(body.toString().replace("SHIPPED", "DELIVERED"));
    expect(adapter.verifyWebhook({ headers: headers(), rawBody: tampered })).toEqual({ ok: false, status: 401, reason: "signature_mismatch" });
    expect(adapter.verifyWebhook({ headers: headers({ sign: signCj("someone-else", body) }), rawBody: body })).toEqual({
      ok: false,
      status: 401,
      reason: "signature_mismatch",
    });
    expect(adapter.verifyWebhook({ headers: headers({ sign: undefined }), rawBody: body })).toEqual({ ok: false, status: 401, reason: "missing_signature" });
    for (const bad of ["", "abc", signCj(OPEN_ID, body).slice(0, -4), Buffer.alloc(31).toString("base64")]) {
      expect(adapter.verifyWebhook({ headers: headers({ sign: bad }), rawBody: body }).ok).toBe(false);
    }
  });

  it("verifies the raw bytes, not a re-serialisation", () => {
    const spaced = Buffer.from('{ "messageId":"m9", "type":"PRODUCT","params":{"pid":"1"} }');
    const h = headers({ sign: signCj(OPEN_ID, spaced) });
    expect(adapter.verifyWebhook({ headers: h, rawBody: spaced }).ok).toBe(true);
    expect(adapter.verifyWebhook({ headers: h, rawBody: Buffer.from(JSON.stringify(JSON.parse(spaced.toString()))) }).ok).toBe(false);
  });

  it("also accepts configured webhook secrets as keys, and refuses everything with no key", () => {
    const both = new CjAdapter({ ...config, credentials: { apiKey: KEY }, webhookSecrets: ["old-open-id", OPEN_ID] }, undefined, {
      tokenStore: new MemoryCjTokenStore(),
    });
    expect(both.verifyWebhook({ headers: headers({ sign: signCj("old-open-id", body) }), rawBody: body }).ok).toBe(true);
    const none = new CjAdapter({ ...config, credentials: { apiKey: KEY } }, undefined, { tokenStore: new MemoryCjTokenStore() });
    expect(none.verifyWebhook({ headers: headers(), rawBody: body })).toMatchObject({ ok: false, status: 401, reason: "no_secret_configured" });
  });

  it("a signed body without a messageId is 400, an unsigned one 401", () => {
    const raw = Buffer.from(JSON.stringify({ type: "ORDER", params: {} }));
    expect(verifyCjSignature({ headers: { sign: signCj(OPEN_ID, raw) }, rawBody: raw, keys: [OPEN_ID] })).toEqual({
      ok: false,
      status: 400,
      reason: "missing_event_id",
    });
    expect(verifyCjSignature({ headers: { sign: signCj("x", raw) }, rawBody: raw, keys: [OPEN_ID] })).toMatchObject({ ok: false, status: 401 });
    const notJson = Buffer.from("not json");
    expect(verifyCjSignature({ headers: { Sign: signCj(OPEN_ID, notJson) }, rawBody: notJson, keys: [OPEN_ID] })).toEqual({
      ok: false,
      status: 400,
      reason: "malformed_body",
    });
  });

  it("exports CJ's success answer", () => {
    expect(CJ_WEBHOOK_SUCCESS).toEqual({ code: 200, result: "success" });
  });
});

describe("CJ webhook parsing", () => {
  it("ORDER → an order event, referenced by our orderNumber", () => {
    expect(adapter.parseWebhook(body, "m1")).toEqual({
      kind: "order",
      eventId: "m1",
      eventType: "order.update",
      reference: "so_1",
      supplierOrderId: "210823100016290555",
      status: "shipped",
      trackingNumber: "CJPKL1",
      carrier: "CJPacket",
      trackingUrl: "https://t/1",
      reason: null,
      occurredAt: null,
    });
    expect(parse({ ...order, params: { ...order.params, orderStatus: "CANCELLED" } })).toMatchObject({ status: "canceled" });
  });

  it("LOGISTIC → an order event with tracking; trackingStatus 12 is delivered", () => {
    const msg = {
      messageId: "m2",
      type: "LOGISTIC",
      messageType: "UPDATE",
      params: {
        orderId: "2507",
        storeOrderNumbers: ["so_1"],
        logisticName: "CJPacket",
        trackingNumber: "CJPKL9",
        trackingUrl: "https://t/9",
        trackingStatus: 1,
        logisticsTrackEvents: "[]",
      },
    };
    expect(parse(msg)).toMatchObject({
      kind: "order",
      eventType: "logistic.update",
      reference: "so_1",
      supplierOrderId: "2507",
      status: "shipped",
      trackingNumber: "CJPKL9",
      carrier: "CJPacket",
      trackingUrl: "https://t/9",
    });
    expect(parse({ ...msg, params: { ...msg.params, trackingStatus: 12 } })).toMatchObject({ status: "delivered" });
    // Without any of our numbers, CJ's order id is the reference.
    expect(parse({ ...msg, params: { orderId: "2507", trackingNumber: "T" } })).toMatchObject({ reference: "2507", supplierOrderId: "2507" });
  });

  it("STOCK, PRODUCT and VARIANT → inventory events naming what to re-read", () => {
    const stock = parse({
      messageId: "m3",
      type: "STOCK",
      messageType: "UPDATE",
      params: {
        "CJ-VID-1001B": [
          { vid: "CJ-VID-1001B", areaId: "1", areaEn: "China Warehouse", countryCode: "CN", storageNum: 7 },
          { vid: "CJ-VID-1001B", areaId: "2", areaEn: "US Warehouse", countryCode: "US", storageNum: "3" },
        ],
      },
    });
    expect(stock).toMatchObject({ kind: "inventory", eventType: "stock.update", items: [], refs: { vids: ["CJ-VID-1001B"], pids: [] } });
    expect(isCjInventoryEvent(stock) && stock.stock).toEqual([
      {
        vid: "CJ-VID-1001B",
        quantity: 10,
        warehouses: [
          { warehouse: "China Warehouse", countryCode: "CN", quantity: 7 },
          { warehouse: "US Warehouse", countryCode: "US", quantity: 3 },
        ],
      },
    ]);
    expect(parse({ messageId: "m4", type: "PRODUCT", messageType: "UPDATE", params: { pid: "CJ-PID-1004", productStatus: 3 } })).toMatchObject({
      kind: "inventory",
      refs: { vids: [], pids: ["CJ-PID-1004"] },
    });
    expect(parse({ messageId: "m5", type: "VARIANT", messageType: "UPDATE", params: { vid: "CJ-VID-1004C", variantSellPrice: 250 } })).toMatchObject({
      kind: "inventory",
      refs: { vids: ["CJ-VID-1004C"], pids: [] },
    });
  });

  it("throws permanent malformed on bad bodies and unknown_event on new types", () => {
    for (const bad of [
      "not json",
      "{}",
      JSON.stringify({ ...order, params: { ...order.params, orderStatus: "LOST" } }),
      JSON.stringify({ messageId: "m", type: "ORDER", params: { orderStatus: "SHIPPED" } }),
    ]) {
      expect(() => adapter.parseWebhook(Buffer.from(bad), "e")).toThrow(expect.objectContaining({ kind: "permanent", details: { code: "malformed" } }));
    }
    expect(() => parse({ messageId: "m", type: "SOURCINGCREATE", params: {} })).toThrow(
      expect.objectContaining({ kind: "permanent", details: { code: "unknown_event" } }),
    );
  });
});

describe("confirming webhook events with the API", () => {
  const input = {
    idempotencyKey: "so_hook",
    reference: "R",
    customerId: "c",
    items: [{ sku: "IPHONE13-128GB-B", supplierSku: "CJ-VID-1004B", quantity: 1, unitPrice: "284.00" }],
    shippingAddress: { name: "N", line1: "L", city: "Miami", postalCode: "33166", country: "US" },
  };

  it("confirmOrderEvent replaces a replayed message's claims with the order as CJ has it", async () => {
    await adapter.createOrder(input);
    const o = sim.state.orders.get("so_hook")!;
    sim.advance(o);
    // A signed but stale (or forged-by-replay) message claims delivered; CJ says processing.
    const claimed = parse({ ...order, params: { ...order.params, orderNumber: "so_hook", cjOrderId: o.orderId, orderStatus: "DELIVERED" } });
    const confirmed = await adapter.confirmOrderEvent(claimed);
    expect(confirmed).toMatchObject({
      kind: "order",
      eventId: "m1",
      reference: "so_hook",
      supplierOrderId: o.orderId,
      status: "processing",
      trackingNumber: null,
      carrier: "CJPacket",
    });
    expect(confirmed.occurredAt).toEqual(expect.any(String));
    sim.advance(o);
    expect(await adapter.confirmOrderEvent(claimed)).toMatchObject({ status: "shipped", trackingNumber: o.trackNumber, trackingUrl: o.trackingUrl });
  });

  it("confirmInventoryEvent reads what the message named back: stock by vid, whole items by pid or variant SKU", async () => {
    const v = cjCatalog[0]!.variants[0]!;
    // STOCK names a vid: its stock is read with stock/queryByVid (the only call taking a vid), the cost stays.
    const stockEvent = parse({ messageId: "m6", type: "STOCK", params: { [v.vid]: [{ vid: v.vid, countryCode: "CN", storageNum: 99999 }] } });
    const confirmed = await adapter.confirmInventoryEvent(stockEvent);
    expect(confirmed).toMatchObject({ kind: "inventory", items: [], stockOnly: [{ supplierSku: v.vid, quantity: v.stock.CN + v.stock.US }] });
    const product = await adapter.confirmInventoryEvent(parse({ messageId: "m7", type: "PRODUCT", params: { pid: cjCatalog[2]!.pid } }));
    expect(product.kind === "inventory" && product.items.map((i) => i.supplierSku)).toEqual(cjCatalog[2]!.variants.map((x) => x.vid));
    // VARIANT with its SKU: the product is read by variantSku, so the new price comes with it.
    const variant = await adapter.confirmInventoryEvent(parse({ messageId: "m9", type: "VARIANT", params: { vid: v.vid, variantSku: v.variantSku } }));
    expect(variant).toMatchObject({
      items: expect.arrayContaining([expect.objectContaining({ supplierSku: v.vid, unitPrice: v.variantSellPrice.toFixed(2) })]),
    });
    const gone = await adapter.confirmInventoryEvent(parse({ messageId: "m8", type: "VARIANT", params: { vid: "CJ-VID-GONE" } }));
    expect(gone).toMatchObject({ items: [], stockOnly: [] });
  });
});
