import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { phonexHandlers } from "../../../tests/msw/phonex";
import { setupSimulatorMsw } from "../../../dev/simulators/kit/setup-simulator-msw";
import { SupplierError, type CallObserver, type CreateSupplierOrderInput, type SupplierConfig } from "../types";
import { PhoneXAdapter } from "./adapter";
import { signPhoneX } from "./signature";
import { createPhoneXSimulator, phonexCatalog } from "../../../dev/simulators/phonex";

const BASE = "https://phonex.test";
const KEY = "px_test_key";
const sim = createPhoneXSimulator({ apiKey: KEY, webhookSecret: "whsec_test", autoAdvance: false, pageSize: 15 });

const config: SupplierConfig = {
  id: "sup_1",
  slug: "phonex",
  kind: "phonex",
  baseUrl: BASE,
  credentials: { apiKey: KEY },
  webhookSecrets: ["whsec_test"],
  timeoutMs: 300,
  rateLimitPerSec: 5,
};
const calls: Parameters<CallObserver>[0][] = [];
const adapter = new PhoneXAdapter(config, (c) => void calls.push(c));
const { server, captured } = setupSimulatorMsw({ base: BASE, handlers: phonexHandlers(BASE, sim), sim, afterEach: () => void (calls.length = 0) });

const input: CreateSupplierOrderInput = {
  idempotencyKey: "so_0001",
  reference: "PXSTKL0000347",
  customerId: "worldtech-1734",
  items: [
    { sku: "IPHONE12-64GB-A", supplierSku: "IPHONE12-64GB-A", quantity: 10, unitPrice: "231.00" },
    { sku: "PIXEL7-128GB-B", supplierSku: "PIXEL7-128GB-B", quantity: 2, unitPrice: "192.50" },
  ],
  shippingAddress: {
    name: "Worldtech Receiving",
    company: "Worldtech Mobile",
    line1: "1200 Commerce Blvd",
    line2: "Dock 4",
    city: "Miami",
    region: "FL",
    postalCode: "33166",
    country: "US",
    phone: "+13055550100",
  },
  metadata: { reference: "PO-88121" },
};

async function failure(p: Promise<unknown>): Promise<SupplierError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SupplierError);
  return err as SupplierError;
}

describe("PhoneXAdapter.createOrder", () => {
  it("sends exactly the contract body and headers", async () => {
    const res = await adapter.createOrder(input);
    expect(res).toMatchObject({ supplierOrderId: null, status: "submitted", externalId: expect.stringMatching(/^px_/) });
    expect(captured).toHaveLength(1);
    const req = captured[0]!;
    expect(req.method).toBe("POST");
    expect(req.url).toBe(`${BASE}/v1/orders`);
    expect(req.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(req.headers.get("idempotency-key")).toBe("so_0001");
    expect(req.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(req.body)).toStrictEqual({
      supplier: "wesellcellular",
      order_id: "PXSTKL0000347",
      customer_id: "worldtech-1734",
      items: [
        { sku: "IPHONE12-64GB-A", quantity: 10, unit_price: 231 },
        { sku: "PIXEL7-128GB-B", quantity: 2, unit_price: 192.5 },
      ],
      shipping_address: {
        name: "Worldtech Receiving",
        company: "Worldtech Mobile",
        line1: "1200 Commerce Blvd",
        line2: "Dock 4",
        city: "Miami",
        region: "FL",
        postal_code: "33166",
        country: "US",
        phone: "+13055550100",
      },
      metadata: { reference: "PO-88121" },
    });
    expect(req.body).toContain('"unit_price":231');
  });

  it("returns the same order for a repeated idempotency key and creates one order", async () => {
    const a = await adapter.createOrder(input);
    const b = await adapter.createOrder(input);
    expect(b.externalId).toBe(a.externalId);
    expect(sim.state.orders.size).toBe(1);
    expect(sim.state.createdByKey.get("so_0001")).toBe(1);
  });

  it("a 500 after the order was created is transient, and the retry gets the first answer", async () => {
    sim.configure({ failAfterCreateRate: 1 });
    const err = await failure(adapter.createOrder(input));
    expect(err.kind).toBe("transient");
    expect(err.details.status).toBe(500);
    sim.configure({ failAfterCreateRate: 0 });
    const retry = await adapter.createOrder(input);
    expect(retry.externalId).toBe(sim.state.orders.get("PXSTKL0000347")!.id);
    expect(sim.state.createdByKey.get("so_0001")).toBe(1);
  });

  it("a 500 before creation is transient and creates nothing", async () => {
    sim.configure({ failureRate: 1 });
    const err = await failure(adapter.createOrder(input));
    expect(err).toMatchObject({ kind: "transient", details: { status: 500 } });
    expect(sim.state.orders.size).toBe(0);
  });

  it("a timeout is transient", async () => {
    sim.configure({ latencyMs: 1000 });
    const err = await failure(adapter.createOrder(input));
    expect(err).toMatchObject({ kind: "transient", details: { code: "timeout" } });
  });

  it("a network error is transient", async () => {
    server.use(http.post(`${BASE}/v1/orders`, () => HttpResponse.error()));
    const err = await failure(adapter.createOrder(input));
    expect(err).toMatchObject({ kind: "transient", details: { code: "network" } });
  });

  it("429 is transient and carries Retry-After", async () => {
    server.use(
      http.post(`${BASE}/v1/orders`, () =>
        HttpResponse.json({ error: { code: "rate_limited", message: "slow down" } }, { status: 429, headers: { "Retry-After": "7" } }),
      ),
    );
    const err = await failure(adapter.createOrder(input));
    expect(err).toMatchObject({ kind: "transient", details: { status: 429, code: "rate_limited", retryAfterMs: 7000 } });
  });

  it("401 is permanent", async () => {
    const wrong = new PhoneXAdapter({ ...config, credentials: { apiKey: "px_wrong" } });
    const err = await failure(wrong.createOrder(input));
    expect(err).toMatchObject({ kind: "permanent", details: { status: 401, code: "unauthorized" } });
  });

  it("422 is permanent with the supplier's code", async () => {
    const bad = { ...input, items: [{ ...input.items[0]!, quantity: 0 }] };
    expect(await failure(adapter.createOrder(bad))).toMatchObject({ kind: "permanent", details: { status: 422, code: "validation_failed" } });
    const unknown = { ...input, items: [{ ...input.items[0]!, supplierSku: "NOKIA3310-A" }] };
    expect(await failure(adapter.createOrder(unknown))).toMatchObject({ kind: "permanent", details: { code: "unknown_sku" } });
  });

  // Malformed 2xx answers are transient: PhoneX calls are safe to repeat (create is
  // idempotent by key), and failing permanently could strand an order PhoneX accepted.
  it("a malformed 2xx answer is transient", async () => {
    server.use(http.post(`${BASE}/v1/orders`, () => HttpResponse.json({ ok: true }, { status: 201 })));
    expect(await failure(adapter.createOrder(input))).toMatchObject({ kind: "transient", details: { code: "malformed_response" } });
    server.use(http.post(`${BASE}/v1/orders`, () => HttpResponse.text("<html>gateway</html>", { status: 200 })));
    expect(await failure(adapter.createOrder(input))).toMatchObject({ kind: "transient", details: { code: "malformed_response" } });
  });

  it("reports every call to the observer without secrets", async () => {
    await adapter.createOrder(input);
    await failure(adapter.getOrder({ reference: "nope", supplierOrderId: null }));
    expect(calls).toEqual([
      expect.objectContaining({ operation: "phonex.createOrder", method: "POST", url: `${BASE}/v1/orders`, statusCode: 201, ok: true }),
      expect.objectContaining({ operation: "phonex.getOrder", method: "GET", statusCode: 404, ok: false, error: "not_found" }),
    ]);
    expect(typeof calls[0]!.durationMs).toBe("number");
    expect(JSON.stringify(calls)).not.toContain(KEY);
  });
});

describe("PhoneXAdapter.getOrder / cancelOrder", () => {
  it("reads an order as it moves, and 404 is permanent", async () => {
    await adapter.createOrder(input);
    const order = sim.state.orders.get(input.reference)!;
    sim.advance(order);
    expect(await adapter.getOrder({ reference: input.reference, supplierOrderId: null })).toMatchObject({
      status: "accepted",
      supplierOrderId: expect.stringMatching(/^ORD/),
    });
    sim.advance(order);
    sim.advance(order);
    expect(await adapter.getOrder({ reference: input.reference, supplierOrderId: null })).toMatchObject({
      status: "shipped",
      carrier: "UPS",
      trackingNumber: expect.stringMatching(/^1Z999AA1\d{10}$/),
    });
    expect(await failure(adapter.getOrder({ reference: "UNKNOWN", supplierOrderId: null }))).toMatchObject({ kind: "permanent", details: { status: 404 } });
  });

  it("cancels before shipment", async () => {
    await adapter.createOrder(input);
    expect(await adapter.cancelOrder({ reference: input.reference, supplierOrderId: null })).toEqual({ status: "cancel_requested" });
    sim.advance(sim.state.orders.get(input.reference)!);
    expect((await adapter.getOrder({ reference: input.reference, supplierOrderId: null })).status).toBe("canceled");
  });

  it("409 already_shipped is permanent", async () => {
    await adapter.createOrder(input);
    const order = sim.state.orders.get(input.reference)!;
    for (let i = 0; i < 3; i++) sim.advance(order);
    const err = await failure(adapter.cancelOrder({ reference: input.reference, supplierOrderId: null }));
    expect(err).toMatchObject({ kind: "permanent", details: { status: 409, code: "already_shipped" } });
  });

  it("5xx on a read is transient", async () => {
    server.use(http.get(`${BASE}/v1/orders/:id`, () => HttpResponse.json({ error: { code: "x" } }, { status: 503 })));
    expect(await failure(adapter.getOrder({ reference: "R", supplierOrderId: null }))).toMatchObject({ kind: "transient", details: { status: 503 } });
  });
});

describe("PhoneXAdapter.fetchInventory", () => {
  it("pages through the whole catalog with the contract's query", async () => {
    const skus: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await adapter.fetchInventory(cursor);
      skus.push(...page.items.map((i) => i.sku));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(skus).toEqual(phonexCatalog.map((i) => i.sku));
    const first = new URL(captured[0]!.url);
    expect(first.pathname).toBe("/v1/inventory");
    expect(first.search).toBe("?supplier=wesellcellular&cursor=&limit=500");
    const page = await adapter.fetchInventory();
    expect(page.items[0]).toMatchObject({ currency: "USD", unitPrice: expect.stringMatching(/^\d+\.\d{2}$/) });
  });
});

describe("PhoneXAdapter webhooks", () => {
  const body = Buffer.from(JSON.stringify({ event: "order.rejected", order_id: "R1", supplier_order_id: null, reason: "no stock" }));

  it("verifies with any configured secret", () => {
    const rotating = new PhoneXAdapter({ ...config, webhookSecrets: ["whsec_new", "whsec_test"] });
    const ts = Math.floor(Date.now() / 1000);
    const headers = new Headers({ "x-phonex-event-id": "e1", "x-phonex-timestamp": String(ts), "x-phonex-signature": signPhoneX("whsec_test", ts, body) });
    expect(rotating.verifyWebhook({ headers, rawBody: body })).toEqual({ ok: true, eventId: "e1" });
  });

  it("parses a valid body and throws permanent malformed on a bad one", () => {
    expect(adapter.parseWebhook(body, "e1")).toMatchObject({ kind: "order", status: "rejected", reason: "no stock", reference: "R1" });
    const inv = Buffer.from(JSON.stringify({ event: "inventory.updated", items: [{ ...phonexCatalog[0] }] }));
    expect(adapter.parseWebhook(inv, "e2")).toMatchObject({ kind: "inventory", items: [{ sku: phonexCatalog[0]!.sku }] });
    for (const bad of ["not json", "{}", JSON.stringify({ event: "order.status_updated", order_id: "R1", status: "lost" })]) {
      expect(() => adapter.parseWebhook(Buffer.from(bad), "e")).toThrow(expect.objectContaining({ kind: "permanent", details: { code: "malformed" } }));
    }
    expect(() => adapter.parseWebhook(Buffer.from(JSON.stringify({ event: "order.teleported" })), "e")).toThrow(
      expect.objectContaining({ kind: "permanent", details: { code: "unknown_event" } }),
    );
  });
});
