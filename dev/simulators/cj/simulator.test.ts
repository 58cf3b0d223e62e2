import { afterEach, describe, expect, it } from "vitest";
import { verifyCjSignature } from "../../../lib/suppliers/cj/signature";
import { cjCatalog } from "../../../prisma/demo-data/cj-catalog";
import { createCjSimulator, type CjSimulatorOptions } from "./simulator";

const BASE = "http://cj.sim/api2.0/v1";
const KEY = "cj_sim_key";
const OPEN_ID = "42";
const HOOK = "http://portal.test/api/webhooks/cj";

type Hook = { headers: Headers; raw: string; body: { messageId: string; type: string; params: Record<string, unknown> } };
let sims: ReturnType<typeof createCjSimulator>[] = [];

function setup(opts: Partial<CjSimulatorOptions> = {}, reply: (n: number) => number = () => 200) {
  const hooks: Hook[] = [];
  const fetchImpl = (async (_url: string | URL | Request, init?: RequestInit) => {
    const raw = String(init?.body);
    hooks.push({ headers: new Headers(init?.headers), raw, body: JSON.parse(raw) as Hook["body"] });
    return new Response(JSON.stringify({ code: 200, result: "success" }), { status: reply(hooks.length) });
  }) as typeof fetch;
  const sim = createCjSimulator({ apiKey: KEY, openId: OPEN_ID, webhookUrl: HOOK, autoAdvance: false, qps: 0, webhookBackoffMs: 5, fetchImpl, ...opts });
  sims.push(sim);
  return { sim, hooks };
}
afterEach(() => {
  sims.forEach((s) => s.close());
  sims = [];
});

type Sim = ReturnType<typeof createCjSimulator>;
// Loosely typed on purpose: the tests poke at many different payloads.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Envelope = { code: number; result: boolean; message: string; data: any; requestId: string };
async function call(sim: Sim, method: string, path: string, opts: { token?: string; body?: unknown } = {}): Promise<Envelope & { status: number }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.token) headers["CJ-Access-Token"] = opts.token;
  const res = await sim.handle(new Request(`${BASE}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) }));
  return { status: res.status, ...((await res.json()) as Envelope) };
}
const login = async (sim: Sim) =>
  (await call(sim, "POST", "/authentication/getAccessToken", { body: { apiKey: KEY } })).data as { accessToken: string; refreshToken: string };

const orderBody = (orderNumber = "so_1", over: Record<string, unknown> = {}) => ({
  orderNumber,
  shippingCountryCode: "US",
  shippingCountry: "United States",
  shippingProvince: "FL",
  shippingCity: "Miami",
  shippingCustomerName: "R",
  shippingAddress: "1 Main",
  shippingZip: "33166",
  shippingPhone: "",
  logisticName: "CJPacket",
  fromCountryCode: "CN",
  payType: 2,
  products: [{ vid: "CJ-VID-1004B", quantity: 2 }],
  ...over,
});

describe("CJ simulator auth and limits", () => {
  it("issues tokens for the right key only, in CJ's envelope, and counts auth calls", async () => {
    const { sim } = setup();
    const bad = await call(sim, "POST", "/authentication/getAccessToken", { body: { apiKey: "nope" } });
    expect(bad).toMatchObject({ status: 200, code: 1600001, result: false, data: null });
    const good = await call(sim, "POST", "/authentication/getAccessToken", { body: { apiKey: KEY } });
    expect(good).toMatchObject({ code: 200, result: true, requestId: expect.any(String), data: { openId: 42, accessToken: expect.stringMatching(/^cjat_/) } });
    expect(good.data.accessTokenExpiryDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    expect(sim.state.stats.authCalls).toBe(2);
  });

  it("answers 1600001 without a valid token, and refreshes with 1600003 for a bad refresh token", async () => {
    const { sim } = setup();
    expect((await call(sim, "GET", "/product/listV2")).code).toBe(1600001);
    const t = await login(sim);
    expect((await call(sim, "GET", "/product/listV2", { token: t.accessToken })).code).toBe(200);
    expect((await call(sim, "POST", "/authentication/refreshAccessToken", { body: { refreshToken: "x" } })).code).toBe(1600003);
    const r = await call(sim, "POST", "/authentication/refreshAccessToken", { body: { refreshToken: t.refreshToken } });
    expect(r.data.refreshToken).toBe(t.refreshToken);
    // The old access token is replaced by the refreshed one.
    expect((await call(sim, "GET", "/product/listV2", { token: t.accessToken })).code).toBe(1600001);
    expect((await call(sim, "GET", "/product/listV2", { token: r.data.accessToken })).code).toBe(200);
    expect(sim.state.stats.refreshCalls).toBe(2);
  });

  it("expires access tokens after accessTokenTtlMs", async () => {
    let clock = 1_000_000;
    const { sim } = setup({ accessTokenTtlMs: 1000, now: () => clock });
    const t = await login(sim);
    clock += 999;
    expect((await call(sim, "GET", "/product/listV2", { token: t.accessToken })).code).toBe(200);
    clock += 1;
    expect((await call(sim, "GET", "/product/listV2", { token: t.accessToken })).code).toBe(1600001);
  });

  it("answers 1600200 over the per-token QPS (default 4) and 1600201 once the quota is used", async () => {
    let clock = 1_000_000;
    const { sim } = setup({ qps: undefined, now: () => clock });
    expect(sim.state.knobs.qps).toBe(4);
    const t = await login(sim);
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await call(sim, "GET", "/product/listV2", { token: t.accessToken })).code);
    expect(codes).toEqual([200, 200, 200, 200, 1600200, 1600200]);
    clock += 1001;
    expect((await call(sim, "GET", "/product/listV2", { token: t.accessToken })).code).toBe(200);
    sim.configure({ quota: sim.state.quotaUsed + 1 });
    clock += 1001;
    expect((await call(sim, "GET", "/product/listV2", { token: t.accessToken })).code).toBe(200);
    expect((await call(sim, "GET", "/product/listV2", { token: t.accessToken })).code).toBe(1600201);
  });

  it("GET /setting/get tells the tier's QPS (the qps knob) in CJ's documented shape, and counts against it", async () => {
    let clock = 2_000_000;
    const { sim } = setup({ qps: 1, now: () => clock });
    const t = await login(sim);
    expect((await call(sim, "GET", "/setting/get")).code).toBe(1600001);
    const got = await call(sim, "GET", "/setting/get", { token: t.accessToken });
    expect(got).toMatchObject({
      code: 200,
      result: true,
      data: { openId: 42, setting: { quotaLimits: [], qpsLimit: 1 }, root: "GENERAL", isSandbox: false },
    });
    // The settings call took the second's only slot.
    expect((await call(sim, "GET", "/product/listV2", { token: t.accessToken })).code).toBe(1600200);
    clock += 1001;
    sim.configure({ qps: 6 });
    expect((await call(sim, "GET", "/setting/get", { token: t.accessToken })).data.setting.qpsLimit).toBe(6);
    sim.configure({ qps: 0 });
    expect((await call(sim, "GET", "/setting/get", { token: t.accessToken })).data.setting.qpsLimit).toBe(100);
    expect(sim.state.stats.settingsCalls).toBe(3);
  });
});

describe("CJ simulator products and orders", () => {
  it("serves ~12 graded phones with CJ-VID vids, some on the portal's SKU scheme, stocked in CN and US", async () => {
    const { sim } = setup();
    const variants = cjCatalog.flatMap((p) => p.variants);
    expect(cjCatalog).toHaveLength(12);
    expect(variants.every((v) => v.vid.startsWith("CJ-VID-"))).toBe(true);
    expect(variants.filter((v) => /^[A-Z0-9]+-\d+GB-[BC]$/.test(v.variantSku)).length).toBe(20);
    const t = await login(sim);
    const stock = await call(sim, "GET", "/product/stock/queryByVid?vid=CJ-VID-1004B", { token: t.accessToken });
    expect(stock.data.map((r: { countryCode: string }) => r.countryCode)).toEqual(["CN", "US"]);
    expect((await call(sim, "GET", "/product/listV2?size=101", { token: t.accessToken })).code).toBe(1600300);
    expect((await call(sim, "GET", "/product/query?pid=NOPE", { token: t.accessToken })).code).toBe(1602001);
    expect((await call(sim, "GET", "/product/query?variantSku=NOPE", { token: t.accessToken })).code).toBe(1602000);
  });

  it("creates once per orderNumber (1603003 after), validates vid, logistic, params and balance", async () => {
    const { sim } = setup();
    const t = await login(sim);
    const create = (body: unknown) => call(sim, "POST", "/shopping/order/createOrderV2", { token: t.accessToken, body });
    const first = await create(orderBody());
    expect(first).toMatchObject({ code: 200, data: { orderNumber: "so_1", orderStatus: "CREATED", orderId: expect.stringMatching(/^\d{18}$/) } });
    expect((await create(orderBody())).code).toBe(1603003);
    expect(sim.state.createdByNumber.get("so_1")).toBe(1);
    expect((await create(orderBody("so_2", { products: [{ vid: "CJ-VID-NOPE", quantity: 1 }] }))).code).toBe(1602000);
    expect((await create(orderBody("so_3", { logisticName: "Pigeon" }))).code).toBe(1605001);
    expect((await create(orderBody("so_4", { payType: 1 }))).code).toBe(1600300);
    expect((await create(orderBody("x".repeat(51)))).code).toBe(1600300);
    sim.configure({ insufficientBalance: true });
    expect((await create(orderBody("so_5"))).code).toBe(1604000);
    expect((await create(orderBody("so_6", { payType: 3 }))).code).toBe(200);
    expect([...sim.state.orders.keys()]).toEqual(["so_1", "so_6"]);
  });

  it("prices freight per route, cheapest CJPacket from CN", async () => {
    const { sim } = setup();
    const t = await login(sim);
    const r = await call(sim, "POST", "/logistic/freightCalculate", {
      token: t.accessToken,
      body: { startCountryCode: "CN", endCountryCode: "US", products: [{ quantity: 2, vid: "CJ-VID-1004B" }] },
    });
    expect(r.data.map((o: { logisticName: string }) => o.logisticName)).toEqual(["DHL Official", "CJPacket", "YunExpress"]);
    expect(r.data[0].logisticPrice).toEqual(expect.any(String));
  });

  it("moves orders CREATED → UNSHIPPED → SHIPPED → DELIVERED with signed ORDER and LOGISTIC webhooks", async () => {
    const { sim, hooks } = setup();
    const t = await login(sim);
    await call(sim, "POST", "/shopping/order/createOrderV2", { token: t.accessToken, body: orderBody() });
    const o = sim.state.orders.get("so_1")!;
    for (let i = 0; i < 3; i++) sim.advance(o);
    expect(sim.advance(o)).toBeNull();
    await sim.idle();
    expect(hooks.map((h) => `${h.body.type}:${(h.body.params.orderStatus as string) ?? h.body.params.trackingStatus ?? ""}`)).toEqual([
      "ORDER:CREATED",
      "STOCK:",
      "ORDER:UNSHIPPED",
      "ORDER:SHIPPED",
      "LOGISTIC:1",
      "ORDER:DELIVERED",
      "LOGISTIC:12",
    ]);
    for (const h of hooks) expect(verifyCjSignature({ headers: h.headers, rawBody: h.raw, keys: [OPEN_ID] })).toEqual({ ok: true, eventId: h.body.messageId });
    const shipped = hooks[3]!.body.params;
    expect(shipped).toMatchObject({
      orderNumber: "so_1",
      cjOrderId: o.orderId,
      logisticName: "CJPacket",
      trackNumber: o.trackNumber,
      trackingUrl: o.trackingUrl,
    });
    expect(hooks[1]!.body.params["CJ-VID-1004B"]).toEqual([
      expect.objectContaining({ countryCode: "CN", storageNum: expect.any(Number) }),
      expect.objectContaining({ countryCode: "US", storageNum: expect.any(Number) }),
    ]);
    const detail = await call(sim, "GET", "/shopping/order/getOrderDetail?orderId=so_1", { token: t.accessToken });
    expect(detail.data).toMatchObject({ orderStatus: "DELIVERED", trackNumber: o.trackNumber, logisticName: "CJPacket", trackingUrl: o.trackingUrl });
    const track = await call(sim, "GET", `/logistic/trackInfo?trackNumber=${o.trackNumber}`, { token: t.accessToken });
    expect(track.data[0]).toMatchObject({ trackingNumber: o.trackNumber, trackingStatus: "Delivered" });
  });

  it("advances on its own every paceMs, but a payType 3 order waits for payment", async () => {
    const { sim } = setup({ autoAdvance: true, paceMs: 10 });
    const t = await login(sim);
    await call(sim, "POST", "/shopping/order/createOrderV2", { token: t.accessToken, body: orderBody() });
    await call(sim, "POST", "/shopping/order/createOrderV2", { token: t.accessToken, body: orderBody("so_3", { payType: 3 }) });
    await new Promise((r) => setTimeout(r, 120));
    expect(sim.state.orders.get("so_1")!.orderStatus).toBe("DELIVERED");
    expect(sim.state.orders.get("so_3")!.orderStatus).toBe("CREATED");
  });

  it("deletes only unpaid orders", async () => {
    const { sim, hooks } = setup();
    const t = await login(sim);
    await call(sim, "POST", "/shopping/order/createOrderV2", { token: t.accessToken, body: orderBody() });
    await call(sim, "POST", "/shopping/order/createOrderV2", { token: t.accessToken, body: orderBody("so_2") });
    expect((await call(sim, "DELETE", "/shopping/order/deleteOrder?orderId=so_1", { token: t.accessToken })).code).toBe(200);
    expect(sim.state.orders.get("so_1")!.orderStatus).toBe("CANCELLED");
    sim.advance(sim.state.orders.get("so_2")!);
    expect((await call(sim, "DELETE", "/shopping/order/deleteOrder?orderId=so_2", { token: t.accessToken })).code).toBe(1600300);
    expect((await call(sim, "DELETE", "/shopping/order/deleteOrder?orderId=nope", { token: t.accessToken })).code).toBe(1603100);
    await sim.idle();
    expect(hooks.some((h) => h.body.type === "ORDER" && h.body.params.orderStatus === "CANCELLED")).toBe(true);
  });
});

describe("CJ simulator failure knobs and admin", () => {
  it("failAfterCreateRate creates the order, answers 500, and the repeat meets 1603003", async () => {
    const { sim } = setup({ failAfterCreateRate: 1 });
    const t = await login(sim);
    expect((await call(sim, "POST", "/shopping/order/createOrderV2", { token: t.accessToken, body: orderBody() })).status).toBe(500);
    expect(sim.state.orders.size).toBe(1);
    expect((await call(sim, "POST", "/shopping/order/createOrderV2", { token: t.accessToken, body: orderBody() })).code).toBe(1603003);
  });

  it("retries failed deliveries with the same messageId, and duplicates with duplicateRate", async () => {
    const { sim, hooks } = setup({ duplicateRate: 1 }, (n) => (n <= 2 ? 500 : 200));
    const t = await login(sim);
    await call(sim, "POST", "/shopping/order/createOrderV2", { token: t.accessToken, body: orderBody() });
    await sim.idle();
    const ids = hooks.filter((h) => h.body.type === "ORDER").map((h) => h.body.messageId);
    expect(new Set(ids).size).toBe(1);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(sim.state.webhooks.some((d) => d.duplicate)).toBe(true);
    expect(sim.state.webhooks.filter((d) => !d.ok)).toHaveLength(2);
  });

  it("serves /__sim/ orders, config, advance, token revocation and reset", async () => {
    const { sim } = setup();
    const admin = (method: string, path: string, body?: unknown) =>
      sim.handle(new Request(`http://cj.sim/__sim${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) }));
    const t = await login(sim);
    await call(sim, "POST", "/shopping/order/createOrderV2", { token: t.accessToken, body: orderBody() });
    expect(await (await admin("GET", "/orders")).json()).toMatchObject({
      data: [{ orderNumber: "so_1" }],
      createdByNumber: { so_1: 1 },
      stats: { authCalls: 1 },
    });
    expect(await (await admin("POST", "/orders/so_1/advance")).json()).toMatchObject({ status: "UNSHIPPED" });
    expect((await admin("POST", "/orders/nope/advance")).status).toBe(404);
    expect(await (await admin("POST", "/config", { qps: 2, paceMs: 50 })).json()).toMatchObject({ knobs: { qps: 2, paceMs: 50 } });
    expect((await admin("POST", "/config", { qsp: 2 })).status).toBe(422);
    await admin("POST", "/tokens/revoke");
    expect((await call(sim, "GET", "/product/listV2", { token: t.accessToken })).code).toBe(1600001);
    await admin("POST", "/reset");
    expect(sim.state.orders.size).toBe(0);
    expect(sim.state.knobs.qps).toBe(0);
  });
});
