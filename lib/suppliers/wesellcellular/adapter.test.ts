import { http, HttpResponse } from "msw";
import { beforeEach, describe, expect, it } from "vitest";
import { wesellcellularHandlers } from "../../../tests/msw/wesellcellular";
import { setupSimulatorMsw } from "../../../dev/simulators/kit/setup-simulator-msw";
import { SupplierError, type CallObserver, type CreateSupplierOrderInput, type SupplierConfig } from "../types";
import { WesellCellularAdapter } from "./adapter";
import { deriveWscSku } from "./map";
import { createWscSimulator, wscCatalog } from "../../../dev/simulators/wesellcellular";
import { createMemoryTokenStore } from "./token-store";

// Orders, stock and errors against the simulator over msw. Login and token
// handling have their own file (adapter-auth.test.ts).
const BASE = "https://wsc.test/api";
const EMAIL = "buyer@portal.test";
const PASSWORD = "wsc-secret-pw";
const sim = createWscSimulator({ email: EMAIL, password: PASSWORD, autoAdvance: false });

const config: SupplierConfig = {
  id: "sup_wsc",
  slug: "wesellcellular",
  kind: "wesellcellular",
  baseUrl: BASE,
  credentials: { email: EMAIL, password: PASSWORD },
  webhookSecrets: [],
  timeoutMs: 300,
  rateLimitPerSec: 5,
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
    server.use(
      http.post(`${BASE}/sales-orders`, () =>
        HttpResponse.json({ code: "rate_limited", message: "slow down" }, { status: 429, headers: { "Retry-After": "7" } }),
      ),
    );
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
    await failure(adapter.getOrder({ reference: "so_x", supplierOrderId: "SO-404" }));
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

describe("WesellCellularAdapter.getOrder", () => {
  it("follows Pending → Confirmed → Picking → Shipped with GET /sales-orders/{id}, the id the create returned", async () => {
    const { supplierOrderId } = await adapter.createOrder(input);
    expect(supplierOrderId).toBe("SO-500101");
    const ref = { reference: "so_0001", supplierOrderId };
    const order = sim.find("so_0001")!;
    const seen = [await adapter.getOrder(ref)];
    for (let i = 0; i < 3; i++) {
      sim.advance(order);
      seen.push(await adapter.getOrder(ref));
    }
    expect(seen.map((s) => s.status)).toEqual(["submitted", "accepted", "processing", "shipped"]);
    expect(seen[3]).toEqual({
      reference: "so_0001",
      supplierOrderId: "SO-500101",
      status: "shipped",
      carrier: null,
      updatedAt: null,
      trackingNumber: order.trackingNumbers[0],
    });
    expect(seen[3]!.trackingNumber).toMatch(/^1Z999AA1\d{10}$/);
    // Every read is exactly the contract's GET by id: no query, no lookup by reference.
    const reads = api().slice(1);
    expect(reads).toHaveLength(4);
    for (const r of reads) {
      expect(r.method).toBe("GET");
      expect(r.url).toBe(`${BASE}/sales-orders/SO-500101`);
    }
  });

  it("a Delivered answer (beyond the contract) is read; a Shipped one stays shipped when the server never says more", async () => {
    const { supplierOrderId } = await adapter.createOrder(input);
    const order = sim.find("so_0001")!;
    sim.configure({ reportDelivered: false });
    for (let i = 0; i < 4; i++) sim.advance(order);
    expect(order.status).toBe("Shipped");
    expect((await adapter.getOrder({ reference: "so_0001", supplierOrderId })).status).toBe("shipped");
    sim.configure({ reportDelivered: true });
    sim.advance(order);
    expect((await adapter.getOrder({ reference: "so_0001", supplierOrderId })).status).toBe("delivered");
  });

  it("an order WSC cancelled on its side reads as canceled", async () => {
    const { supplierOrderId } = await adapter.createOrder(input);
    sim.cancel(sim.find("so_0001")!);
    expect((await adapter.getOrder({ reference: "so_0001", supplierOrderId })).status).toBe("canceled");
  });

  it("without WSC's salesOrderId there is nothing the contract can read: permanent not_readable, and no request", async () => {
    await adapter.createOrder(input);
    captured.length = 0;
    const err = await failure(adapter.getOrder({ reference: "so_0001", supplierOrderId: null }));
    expect(err).toMatchObject({ kind: "permanent", details: { code: "not_readable" } });
    expect(err.message).toContain("so_0001");
    expect(captured).toHaveLength(0);
  });

  it("an unknown salesOrderId is a permanent 404", async () => {
    expect(await failure(adapter.getOrder({ reference: "so_missing", supplierOrderId: "SO-1" }))).toMatchObject({
      kind: "permanent",
      details: { status: 404 },
    });
    expect(api().map((c) => `${c.method} ${c.url}`)).toEqual([`GET ${BASE}/sales-orders/SO-1`]);
  });

  it("escapes the id into one path segment, never a query", async () => {
    await failure(adapter.getOrder({ reference: "so_0001", supplierOrderId: "SO/1?reference=so_0001" }));
    expect(api().map((c) => c.url)).toEqual([`${BASE}/sales-orders/SO%2F1%3Freference%3Dso_0001`]);
    expect(sim.state.requests.at(-1)).toMatchObject({ method: "GET", path: "/sales-orders/SO%2F1%3Freference%3Dso_0001", search: "", status: 404 });
  });

  it("5xx on a read is transient, a malformed answer too", async () => {
    server.use(http.get(`${BASE}/sales-orders/:id`, () => HttpResponse.json({ code: "x" }, { status: 503 })));
    expect(await failure(adapter.getOrder({ reference: "so_1", supplierOrderId: "SO-1" }))).toMatchObject({ kind: "transient", details: { status: 503 } });
    server.use(http.get(`${BASE}/sales-orders/:id`, () => HttpResponse.json({ salesOrderId: "SO-1", status: "Lost" })));
    expect(await failure(adapter.getOrder({ reference: "so_1", supplierOrderId: "SO-1" }))).toMatchObject({
      kind: "transient",
      details: { code: "malformed_response" },
    });
  });
});

describe("WesellCellularAdapter.cancelOrder", () => {
  it("the contract has no cancel call: a permanent not_cancelable telling ops to cancel with WSC, and no request at all", async () => {
    const { supplierOrderId } = await adapter.createOrder(input);
    captured.length = 0;
    const err = await failure(adapter.cancelOrder({ reference: "so_0001", supplierOrderId }));
    expect(err).toMatchObject({ kind: "permanent", details: { code: "not_cancelable" } });
    expect(err.message).toMatch(/no cancel/);
    expect(err.message).toContain("SO-500101");
    expect(err.message).toMatch(/with WesellCellular directly/);
    expect(captured).toHaveLength(0);
    expect(sim.find("so_0001")!.status).toBe("Pending");
    // Without the id too: still refused, never a guessed endpoint.
    expect(await failure(adapter.cancelOrder({ reference: "so_0001", supplierOrderId: null }))).toMatchObject({
      kind: "permanent",
      details: { code: "not_cancelable" },
    });
    expect(captured).toHaveLength(0);
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
      supplierSku: "WSC-100101",
      sku: "IPHONE12-64GB-A",
      name: "iPhone 12 64GB Grade A",
      brand: "Apple",
      model: "iPhone 12",
      storage: "64GB",
      color: "Blue",
      grade: "A",
      quantity: 40,
      unitPrice: "225.00",
      currency: "USD",
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
