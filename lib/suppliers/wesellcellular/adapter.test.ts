import { http, HttpResponse } from "msw";
import { beforeEach, describe, expect, it } from "vitest";
import { wesellcellularHandlers } from "../../../tests/msw/wesellcellular";
import { setupSimulatorMsw } from "../simulator-kit/setup-simulator-msw";
import { SupplierError, type CallObserver, type CreateSupplierOrderInput, type SupplierConfig } from "../types";
import { WesellCellularAdapter } from "./adapter";
import { deriveWscSku } from "./map";
import { createWscSimulator, wscCatalog } from "./simulator";
import { createMemoryTokenStore } from "./token-store";

// Orders, stock and errors against the simulator over msw. Login and token
// handling have their own file (adapter-auth.test.ts).
const BASE = "https://wsc.test/api";
const EMAIL = "buyer@portal.test";
const PASSWORD = "wsc-secret-pw";
const sim = createWscSimulator({ email: EMAIL, password: PASSWORD, autoAdvance: false });


const config: SupplierConfig = {
  id: "sup_wsc", slug: "wesellcellular", kind: "wesellcellular", baseUrl: BASE,
  credentials: { email: EMAIL, password: PASSWORD }, webhookSecrets: [], timeoutMs: 300, rateLimitPerSec: 5,
};
const calls: Parameters<CallObserver>[0][] = [];
let adapter: WesellCellularAdapter;
const { server, captured } = setupSimulatorMsw({ base: BASE, handlers: wesellcellularHandlers(BASE, sim), sim, afterEach: () => void (calls.length = 0) });
const api = () => captured.filter((c) => !c.url.endsWith("/auth/login"));

const input: CreateSupplierOrderInput = {
  idempotencyKey: "so_0001",
  reference: "PXSTKL0000347",
  customerId: "worldtech-1734",
  items: [
    { sku: "IPHONE13-128GB-A", supplierSku: "WSC-100201", quantity: 10, unitPrice: "319.00" },
    { sku: "PIXEL7-128GB-A", supplierSku: "WSC-300101", quantity: 2, unitPrice: "214.50" },
  ],
  shippingAddress: {
    name: "Worldtech Receiving", company: "Worldtech Mobile", line1: "1200 Commerce Blvd", line2: "Dock 4",
    city: "Miami", region: "FL", postalCode: "33166", country: "US", phone: "+13055550100",
  },
  metadata: { reference: "PO-88121" },
};

async function failure(p: Promise<unknown>): Promise<SupplierError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(SupplierError);
  return err as SupplierError;
}

beforeEach(() => {
  adapter = new WesellCellularAdapter(config, (c) => void calls.push(c), { tokenStore: createMemoryTokenStore(), pageSize: 5 });
});

describe("WesellCellularAdapter.createOrder", () => {
  it("sends exactly the contract body with our supplier-order id as reference", async () => {
    const res = await adapter.createOrder(input);
    expect(res).toMatchObject({ supplierOrderId: "SO-500101", status: "submitted" });
    expect(api()).toHaveLength(1);
    const req = api()[0]!;
    expect(req.method).toBe("POST");
    expect(req.url).toBe(`${BASE}/sales-orders`);
    expect(req.headers.get("authorization")).toMatch(/^Bearer wsc_[0-9a-f]{32}$/);
    expect(req.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(req.body)).toStrictEqual({
      reference: "so_0001",
      lines: [
        { itemNumber: "WSC-100201", quantity: 10, price: 319 },
        { itemNumber: "WSC-300101", quantity: 2, price: 214.5 },
      ],
      shipTo: {
        name: "Worldtech Receiving", company: "Worldtech Mobile", line1: "1200 Commerce Blvd", line2: "Dock 4",
        city: "Miami", region: "FL", postalCode: "33166", country: "US", phone: "+13055550100",
      },
    });
  });

  it("a repeated reference returns the same order and creates exactly one", async () => {
    const a = await adapter.createOrder(input);
    sim.advance(sim.find("so_0001")!);
    const b = await adapter.createOrder(input);
    expect(b.supplierOrderId).toBe(a.supplierOrderId);
    // The repeat reports where the order is now.
    expect(b.status).toBe("accepted");
    expect(sim.state.orders.size).toBe(1);
    expect(sim.state.createdByReference.get("so_0001")).toBe(1);
    expect(sim.state.stats.replays).toBe(1);
  });

  it("a 500 after the order was created is transient, and the retry gets that order", async () => {
    sim.configure({ failAfterCreateRate: 1 });
    expect(await failure(adapter.createOrder(input))).toMatchObject({ kind: "transient", details: { status: 500 } });
    sim.configure({ failAfterCreateRate: 0 });
    const retry = await adapter.createOrder(input);
    expect(retry.supplierOrderId).toBe(sim.find("so_0001")!.salesOrderId);
    expect(sim.state.createdByReference.get("so_0001")).toBe(1);
  });

  it("a 500 before creation is transient and creates nothing", async () => {
    sim.configure({ failureRate: 1 });
    expect(await failure(adapter.createOrder(input))).toMatchObject({ kind: "transient", details: { status: 500, code: "internal_error" } });
    expect(sim.state.orders.size).toBe(0);
  });

  it("a timeout and a network error are transient", async () => {
    sim.configure({ latencyMs: 1000 });
    expect(await failure(adapter.createOrder(input))).toMatchObject({ kind: "transient", details: { code: "timeout" } });
    sim.configure({ latencyMs: 0 });
    server.use(http.post(`${BASE}/sales-orders`, () => HttpResponse.error()));
    expect(await failure(adapter.createOrder(input))).toMatchObject({ kind: "transient", details: { code: "network" } });
  });

  it("429 is transient and carries Retry-After", async () => {
    server.use(http.post(`${BASE}/sales-orders`, () => HttpResponse.json({ code: "rate_limited", message: "slow down" }, { status: 429, headers: { "Retry-After": "7" } })));
    expect(await failure(adapter.createOrder(input))).toMatchObject({ kind: "transient", details: { status: 429, code: "rate_limited", retryAfterMs: 7000 } });
  });

  it("422 is permanent with WSC's code", async () => {
    const unknown = { ...input, items: [{ ...input.items[0]!, supplierSku: "WSC-999999" }] };
    expect(await failure(adapter.createOrder(unknown))).toMatchObject({ kind: "permanent", details: { status: 422, code: "unknown_item" } });
    const tooMany = { ...input, items: [{ ...input.items[0]!, quantity: 10_000 }] };
    expect(await failure(adapter.createOrder(tooMany))).toMatchObject({ kind: "permanent", details: { code: "insufficient_stock" } });
    expect(sim.state.orders.size).toBe(0);
  });

  it("a malformed 2xx answer is transient", async () => {
    server.use(http.post(`${BASE}/sales-orders`, () => HttpResponse.json({ ok: true }, { status: 201 })));
    expect(await failure(adapter.createOrder(input))).toMatchObject({ kind: "transient", details: { code: "malformed_response" } });
  });

  it("reports every call to the observer, never the password or the token", async () => {
    await adapter.createOrder(input);
    await failure(adapter.getOrderById("SO-404"));
    expect(calls).toEqual([
      expect.objectContaining({ operation: "wesellcellular.login", method: "POST", url: `${BASE}/auth/login`, statusCode: 200, ok: true }),
      expect.objectContaining({ operation: "wesellcellular.createSalesOrder", method: "POST", statusCode: 201, ok: true }),
      expect.objectContaining({ operation: "wesellcellular.getSalesOrder", method: "GET", statusCode: 404, ok: false, error: "not_found" }),
    ]);
    const token = captured[1]!.headers.get("authorization")!.slice("Bearer ".length);
    expect(JSON.stringify(calls)).not.toContain(PASSWORD);
    expect(JSON.stringify(calls)).not.toContain(token);
  });
});

describe("WesellCellularAdapter.getOrder / getOrderById / cancelOrder", () => {
  it("follows Pending → Confirmed → Picking → Shipped by our reference and by salesOrderId", async () => {
    const { supplierOrderId } = await adapter.createOrder(input);
    const order = sim.find("so_0001")!;
    const seen = [await adapter.getOrder("so_0001")];
    for (let i = 0; i < 3; i++) {
      sim.advance(order);
      seen.push(await adapter.getOrder("so_0001"));
    }
    expect(seen.map((s) => s.status)).toEqual(["submitted", "accepted", "processing", "shipped"]);
    expect(seen[3]).toMatchObject({
      reference: "so_0001", supplierOrderId, carrier: null, trackingNumber: expect.stringMatching(/^1Z999AA1\d{10}$/),
    });
    expect(await adapter.getOrderById(supplierOrderId!)).toEqual(seen[3]);
    const lookup = new URL(api().find((c) => c.url.includes("reference="))!.url);
    expect(lookup.pathname).toBe("/api/sales-orders");
    expect(lookup.searchParams.get("reference")).toBe("so_0001");
  });

  it("an unknown order is a permanent 404", async () => {
    expect(await failure(adapter.getOrder("so_missing"))).toMatchObject({ kind: "permanent", details: { status: 404 } });
    expect(await failure(adapter.getOrderById("SO-1"))).toMatchObject({ kind: "permanent", details: { status: 404 } });
  });

  it("a lookup answered with an empty list is a permanent not_found", async () => {
    server.use(http.get(`${BASE}/sales-orders`, () => HttpResponse.json({ items: [] })));
    expect(await failure(adapter.getOrder("so_0001"))).toMatchObject({ kind: "permanent", details: { status: 404, code: "not_found" } });
  });

  it("cancels before shipment, by reference or by id", async () => {
    await adapter.createOrder(input);
    expect(await adapter.cancelOrder("so_0001")).toEqual({ status: "canceled" });
    expect((await adapter.getOrder("so_0001")).status).toBe("canceled");
    const second = await adapter.createOrder({ ...input, idempotencyKey: "so_0002" });
    sim.advance(sim.find("so_0002")!);
    expect(await adapter.cancelOrderById(second.supplierOrderId!)).toEqual({ status: "canceled" });
  });

  it("cannot cancel once shipped: permanent 409", async () => {
    await adapter.createOrder(input);
    const order = sim.find("so_0001")!;
    for (let i = 0; i < 3; i++) sim.advance(order);
    expect(await failure(adapter.cancelOrder("so_0001"))).toMatchObject({ kind: "permanent", details: { status: 409, code: "not_cancelable" } });
  });

  it("5xx on a read is transient", async () => {
    server.use(http.get(`${BASE}/sales-orders/:id`, () => HttpResponse.json({ code: "x" }, { status: 503 })));
    expect(await failure(adapter.getOrderById("SO-1"))).toMatchObject({ kind: "transient", details: { status: 503 } });
  });
});

describe("WesellCellularAdapter.fetchInventory", () => {
  it("pages through the in-stock list with the contract's query", async () => {
    const inStock = wscCatalog.filter((i) => i.quantity > 0);
    const items = [];
    const cursors: (string | null)[] = [];
    let cursor: string | null = null;
    do {
      const page = await adapter.fetchInventory(cursor);
      items.push(...page.items);
      cursor = page.nextCursor;
      cursors.push(cursor);
    } while (cursor && cursors.length < 10);
    expect(cursors).toEqual(["2", "3", null]);
    expect(items.map((i) => i.supplierSku)).toEqual(inStock.map((i) => i.itemNumber));
    expect(items.map((i) => i.sku)).toEqual(inStock.map(deriveWscSku));
    expect(items[0]).toEqual({
      supplierSku: "WSC-100101", sku: "IPHONE12-64GB-A", name: "iPhone 12 64GB Grade A", brand: "Apple", model: "iPhone 12",
      storage: "64GB", color: "Blue", grade: "A", quantity: 40, unitPrice: "225.00", currency: "USD",
    });
    const urls = api().map((c) => new URL(c.url));
    expect(urls.map((u) => u.pathname + u.search)).toEqual([
      "/api/stocklist/items?includeOutOfStock=false&page=1&pageSize=5",
      "/api/stocklist/items?includeOutOfStock=false&page=2&pageSize=5",
      "/api/stocklist/items?includeOutOfStock=false&page=3&pageSize=5",
    ]);
  });

  it("an empty list is one page with no next cursor; a bad cursor is permanent", async () => {
    server.use(http.get(`${BASE}/stocklist/items`, () => HttpResponse.json({ items: [], page: 1, totalPages: 0 })));
    expect(await adapter.fetchInventory()).toEqual({ items: [], nextCursor: null });
    for (const bad of ["0", "-1", "abc", "1.5"]) {
      expect(await failure(adapter.fetchInventory(bad))).toMatchObject({ kind: "permanent", details: { code: "invalid_cursor" } });
    }
  });
});

describe("WesellCellularAdapter webhooks", () => {
  it("has none: verification answers 400 and parsing throws permanent", () => {
    expect(adapter.verifyWebhook()).toEqual({ ok: false, status: 400, reason: "WesellCellular sends no webhooks; orders are polled" });
    expect(() => adapter.parseWebhook()).toThrow(expect.objectContaining({ kind: "permanent", details: { code: "unsupported" } }));
  });
});
