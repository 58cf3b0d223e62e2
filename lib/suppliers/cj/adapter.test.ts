import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { cjHandlers } from "../../../tests/msw/cj";
import { setupSimulatorMsw } from "../../../dev/simulators/kit/setup-simulator-msw";
import { SupplierError, type CallObserver, type CreateSupplierOrderInput, type SupplierConfig } from "../types";
import { CjAdapter } from "./adapter";
import { createCjSimulator } from "../../../dev/simulators/cj";
import { MemoryCjTokenStore } from "./token-store";

const BASE = "https://cj.test/api2.0/v1";
const KEY = "cj_test_key";
const sim = createCjSimulator({ apiKey: KEY, openId: "777", autoAdvance: false, qps: 0 });

const config: SupplierConfig = {
  id: "sup_cj",
  slug: "cj",
  kind: "cj",
  baseUrl: BASE,
  credentials: { apiKey: KEY, openId: "777" },
  webhookSecrets: [],
  timeoutMs: 300,
  rateLimitPerSec: 100,
};
const calls: Parameters<CallObserver>[0][] = [];
let store = new MemoryCjTokenStore();
let adapter = new CjAdapter(config, (c) => void calls.push(c), { tokenStore: store });
const { server, captured } = setupSimulatorMsw({
  base: BASE,
  handlers: cjHandlers(BASE, sim),
  sim,
  afterEach: () => {
    calls.length = 0;
    store = new MemoryCjTokenStore();
    adapter = new CjAdapter(config, (c) => void calls.push(c), { tokenStore: store });
  },
});

const input: CreateSupplierOrderInput = {
  idempotencyKey: "so_0001",
  reference: "PXSTKL0000347",
  customerId: "worldtech-1734",
  items: [
    { sku: "IPHONE13-128GB-B", supplierSku: "CJ-VID-1004B", quantity: 2, unitPrice: "284.00" },
    { sku: "PIXEL7-128GB-C", supplierSku: "CJ-VID-1009C", quantity: 1, unitPrice: "164.43" },
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
};

async function failure(p: Promise<unknown>): Promise<SupplierError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SupplierError);
  return err as SupplierError;
}
const sent = (path: string) => captured.filter((c) => new URL(c.url).pathname.endsWith(path));

describe("CjAdapter.createOrder", () => {
  it("prices freight, then sends exactly the createOrderV2 body of the contract", async () => {
    const res = await adapter.createOrder(input);
    expect(res).toMatchObject({ supplierOrderId: expect.stringMatching(/^\d{18}$/), status: "submitted" });

    const [freight] = sent("/logistic/freightCalculate");
    expect(freight!.method).toBe("POST");
    expect(JSON.parse(freight!.body)).toStrictEqual({
      startCountryCode: "CN",
      endCountryCode: "US",
      products: [
        { quantity: 2, vid: "CJ-VID-1004B" },
        { quantity: 1, vid: "CJ-VID-1009C" },
      ],
    });

    const [create] = sent("/shopping/order/createOrderV2");
    expect(create!.method).toBe("POST");
    expect(create!.url).toBe(`${BASE}/shopping/order/createOrderV2`);
    expect(create!.headers.get("cj-access-token")).toMatch(/^cjat_/);
    expect(create!.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(create!.body)).toStrictEqual({
      orderNumber: "so_0001",
      shippingCountryCode: "US",
      shippingCountry: "United States",
      shippingProvince: "FL",
      shippingCity: "Miami",
      shippingCustomerName: "Worldtech Receiving",
      shippingAddress: "1200 Commerce Blvd, Dock 4",
      shippingZip: "33166",
      shippingPhone: "+13055550100",
      // The cheapest line CJ offered (listed second, after DHL).
      logisticName: "CJPacket",
      fromCountryCode: "CN",
      payType: 2,
      products: [
        { vid: "CJ-VID-1004B", quantity: 2 },
        { vid: "CJ-VID-1009C", quantity: 1 },
      ],
    });
    expect(sim.state.orders.get("so_0001")!.request.logisticName).toBe("CJPacket");
  });

  it("takes fromCountryCode and payType from the credentials", async () => {
    const us = new CjAdapter({ ...config, credentials: { ...config.credentials, fromCountryCode: "us", payType: "3" } }, undefined, { tokenStore: store });
    await us.createOrder(input);
    const body = JSON.parse(sent("/shopping/order/createOrderV2")[0]!.body) as Record<string, unknown>;
    expect(body).toMatchObject({ fromCountryCode: "US", payType: 3 });
    // From the US warehouse, USPS+ is the cheaper of the two lines for three units.
    expect(body.logisticName).toBe("USPS+");
  });

  it("a create that CJ completed but answered 500 is transient; the retry meets 1603003 and reads the order back", async () => {
    sim.configure({ failAfterCreateRate: 1, failAfterCreateMode: "error" });
    const err = await failure(adapter.createOrder(input));
    expect(err).toMatchObject({ kind: "transient", details: { status: 500 } });
    sim.configure({ failAfterCreateRate: 0 });
    const retry = await adapter.createOrder(input);
    expect(retry).toMatchObject({ supplierOrderId: sim.state.orders.get("so_0001")!.orderId, status: "submitted" });
    expect(sim.state.createdByNumber.get("so_0001")).toBe(1);
    expect(sim.state.stats.duplicateCreates).toBe(1);
    expect(sent("/shopping/order/getOrderDetail")[0]!.url).toBe(`${BASE}/shopping/order/getOrderDetail?orderId=so_0001`);
  });

  it("a create that times out after CJ created it is transient, and the retry returns the same single order", async () => {
    sim.configure({ failAfterCreateRate: 1, failAfterCreateMode: "timeout", hangMs: 2000 });
    expect(await failure(adapter.createOrder(input))).toMatchObject({ kind: "transient", details: { code: "timeout" } });
    sim.configure({ failAfterCreateRate: 0 });
    const order = sim.state.orders.get("so_0001")!;
    sim.advance(order);
    expect(await adapter.createOrder(input)).toMatchObject({ supplierOrderId: order.orderId, status: "processing" });
    expect([...sim.state.createdByNumber.values()]).toEqual([1]);
  });

  it("a 500 before creation is transient and creates nothing", async () => {
    sim.configure({ failureRate: 1 });
    expect(await failure(adapter.createOrder(input))).toMatchObject({ kind: "transient", details: { status: 500 } });
    expect(sim.state.orders.size).toBe(0);
  });

  it("a duplicate that cannot be read back yet stays transient and never creates a second order", async () => {
    await adapter.createOrder(input);
    server.use(
      http.get(`${BASE}/shopping/order/getOrderDetail`, () => HttpResponse.json({ code: 1603100, result: false, message: "Order not found", data: null })),
    );
    expect(await failure(adapter.createOrder(input))).toMatchObject({ kind: "transient", details: { code: "duplicate_not_readable" } });
    expect(sim.state.createdByNumber.get("so_0001")).toBe(1);
  });

  it("insufficient balance is permanent with a message ops can act on", async () => {
    sim.configure({ insufficientBalance: true });
    const err = await failure(adapter.createOrder(input));
    expect(err).toMatchObject({ kind: "permanent", details: { code: "insufficient_balance", status: 200 } });
    expect(err.message).toMatch(/top up the CJ wallet/);
  });

  it("an unknown vid is permanent variant_not_found", async () => {
    const bad = { ...input, items: [{ ...input.items[0]!, supplierSku: "CJ-VID-NOPE" }] };
    expect(await failure(adapter.createOrder(bad))).toMatchObject({ kind: "permanent", details: { code: "variant_not_found" } });
  });

  it("no shipping line to the destination is permanent invalid_logistic", async () => {
    const us = new CjAdapter({ ...config, credentials: { ...config.credentials, fromCountryCode: "US" } }, undefined, { tokenStore: store });
    const toFrance = { ...input, shippingAddress: { ...input.shippingAddress, country: "FR" } };
    expect(await failure(us.createOrder(toFrance))).toMatchObject({ kind: "permanent", details: { code: "invalid_logistic" } });
    expect(sim.state.orders.size).toBe(0);
  });

  it("an orderNumber over 50 characters is refused before calling CJ", async () => {
    const long = { ...input, idempotencyKey: "x".repeat(51) };
    expect(await failure(adapter.createOrder(long))).toMatchObject({ kind: "permanent", details: { code: "invalid_params" } });
    expect(sent("/shopping/order/createOrderV2")).toHaveLength(0);
  });

  it("reports every call to the observer, CJ-level failures as failures, without secrets", async () => {
    await adapter.createOrder(input);
    await failure(adapter.getOrder({ reference: "nope", supplierOrderId: null }));
    expect(calls.map((c) => [c.operation, c.ok, c.error ?? null])).toEqual([
      ["cj.getAccessToken", true, null],
      // The account's QPS, once (then cached), before the first paced call.
      ["cj.getSettings", true, null],
      ["cj.freightCalculate", true, null],
      ["cj.createOrder", true, null],
      ["cj.getOrderDetail", false, "order_not_found"],
    ]);
    expect(calls[4]).toMatchObject({ statusCode: 200, method: "GET" });
    const log = JSON.stringify(calls);
    expect(log).not.toContain(KEY);
    expect(log).not.toContain((await store.get())!.accessToken);
  });
});

describe("CjAdapter.getOrder / cancelOrder", () => {
  it("maps every status as the order moves, with tracking from getOrderDetail", async () => {
    await adapter.createOrder(input);
    const order = sim.state.orders.get("so_0001")!;
    expect(await adapter.getOrder({ reference: "so_0001", supplierOrderId: null })).toMatchObject({
      reference: "so_0001",
      supplierOrderId: order.orderId,
      status: "submitted",
      trackingNumber: null,
    });
    sim.advance(order);
    expect((await adapter.getOrder({ reference: "so_0001", supplierOrderId: null })).status).toBe("processing");
    sim.advance(order);
    expect(await adapter.getOrder({ reference: "so_0001", supplierOrderId: null })).toMatchObject({
      status: "shipped",
      carrier: "CJPacket",
      trackingNumber: expect.stringMatching(/^CJPKL\d{8}YQ$/),
      trackingUrl: expect.stringMatching(/^https:\/\/www\.cjpacket\.com\/\?trackingNumber=CJPKL/),
    });
    // CJ's own order id reads the same order.
    expect((await adapter.getOrder({ reference: order.orderId, supplierOrderId: null })).reference).toBe("so_0001");
    sim.advance(order);
    expect((await adapter.getOrder({ reference: "so_0001", supplierOrderId: null })).status).toBe("delivered");
    expect(await failure(adapter.getOrder({ reference: "UNKNOWN", supplierOrderId: null }))).toMatchObject({
      kind: "permanent",
      details: { code: "order_not_found" },
    });
  });

  it("trackInfo reads CJ's tracking for a shipped order", async () => {
    await adapter.createOrder(input);
    const order = sim.state.orders.get("so_0001")!;
    sim.advance(order);
    sim.advance(order);
    expect(await adapter.trackInfo(order.trackNumber!)).toEqual([
      expect.objectContaining({ trackingNumber: order.trackNumber, logisticName: "CJPacket", trackingTo: "US" }),
    ]);
  });

  it("deletes an order before it is paid, and says so again when asked twice", async () => {
    await adapter.createOrder(input);
    expect(await adapter.cancelOrder({ reference: "so_0001", supplierOrderId: null })).toEqual({ status: "canceled" });
    const del = sent("/shopping/order/deleteOrder")[0]!;
    expect(del.method).toBe("DELETE");
    expect(new URL(del.url).searchParams.get("orderId")).toBe(sim.state.orders.get("so_0001")!.orderId);
    expect((await adapter.getOrder({ reference: "so_0001", supplierOrderId: null })).status).toBe("canceled");
    expect(await adapter.cancelOrder({ reference: "so_0001", supplierOrderId: null })).toEqual({ status: "canceled" });
    expect(sent("/shopping/order/deleteOrder")).toHaveLength(1);
  });

  it("after payment a cancel is permanent not_cancelable, and nothing is deleted", async () => {
    await adapter.createOrder(input);
    sim.advance(sim.state.orders.get("so_0001")!);
    expect(await failure(adapter.cancelOrder({ reference: "so_0001", supplierOrderId: null }))).toMatchObject({
      kind: "permanent",
      details: { code: "not_cancelable" },
    });
    expect(sent("/shopping/order/deleteOrder")).toHaveLength(0);
    expect(sim.state.orders.get("so_0001")!.orderStatus).toBe("UNSHIPPED");
  });
});

describe("CjAdapter under CJ's limits", () => {
  it("answers over the per-token QPS come back as 1600200: transient, retryAfterMs growing with the run", async () => {
    // Jitter fixed at its middle: the waits are exactly 1 s, 2 s, … .
    const fixed = new CjAdapter(config, undefined, { tokenStore: store, random: () => 0.5 });
    await fixed.getOrder({ reference: "so_0001", supplierOrderId: null }).catch(() => undefined);
    // The account was told unlimited (100/s) and the tier drops to 2 behind our back.
    sim.configure({ qps: 2 });
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => fixed.stockByVid("CJ-VID-1001B")));
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as SupplierError);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect(refused).toHaveLength(2);
    for (const err of refused) expect(err).toMatchObject({ kind: "transient", details: { code: "rate_limited", status: 200 } });
    expect(refused.map((e) => e.details.retryAfterMs).sort((a, b) => a! - b!)).toEqual([1000, 2000]);
    expect(sim.state.stats.rateLimited).toBe(2);
  });

  it("reads the account's QPS from /setting/get once and paces to it below the configured rate", async () => {
    sim.configure({ qps: 2 });
    // Configured for 100/s; the account (Plus tier) allows 2.
    const paced = new CjAdapter(config, undefined, { tokenStore: store });
    const started = performance.now();
    await Promise.all([1, 2, 3, 4, 5].map(() => paced.stockByVid("CJ-VID-1001B")));
    expect(sim.state.stats.rateLimited).toBe(0);
    expect(sim.state.stats.settingsCalls).toBe(1);
    expect(await paced.client.pacer.limit()).toBe(2);
    // settings, then 5 calls at 2 per 1.2 s window: the last ones wait two windows.
    expect(performance.now() - started).toBeGreaterThan(2 * 1200 - 50);
  });

  it("paces freightCalculate and createOrderV2 apart on a 1-QPS account: no 1600200, one order", async () => {
    sim.configure({ qps: 1 });
    const paced = new CjAdapter(config, undefined, { tokenStore: store });
    const started = performance.now();
    const res = await paced.createOrder(input);
    // settings, freight, create: one per 1.2 s window (the simulator would have refused two in one second).
    expect(performance.now() - started).toBeGreaterThan(2 * 1200 - 50);
    expect(res.status).toBe("submitted");
    expect(sim.state.stats.rateLimited).toBe(0);
    const at = (path: string) => captured.findIndex((c) => new URL(c.url).pathname.endsWith(path));
    expect(at("/setting/get")).toBeLessThan(at("/logistic/freightCalculate"));
    expect(at("/logistic/freightCalculate")).toBeLessThan(at("/shopping/order/createOrderV2"));
  });

  it("the pacer keeps one account under its QPS without any 1600200", async () => {
    sim.configure({ qps: 4 });
    const paced = new CjAdapter({ ...config, rateLimitPerSec: 4 }, undefined, { tokenStore: store });
    const started = performance.now();
    await Promise.all([1, 2, 3, 4, 5, 6].map(() => paced.stockByVid("CJ-VID-1001B")));
    expect(sim.state.stats.rateLimited).toBe(0);
    // Auth plus six calls at ~4/s: the last one waits well over a second.
    expect(performance.now() - started).toBeGreaterThan(1200);
  });

  it("a used-up quota is transient with a long retryAfterMs", async () => {
    sim.configure({ quota: 0 });
    expect(await failure(adapter.getOrder({ reference: "so_0001", supplierOrderId: null }))).toMatchObject({
      kind: "transient",
      details: { code: "quota_exhausted", retryAfterMs: 3_600_000 },
    });
  });
});
