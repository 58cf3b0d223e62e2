import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cjHandlers } from "../../../tests/msw/cj";
import { SupplierError, type SupplierConfig } from "../types";
import { CjAdapter } from "./adapter";
import { CJ_CODES, CJ_ERROR_RULES, cjError } from "./errors";
import { createCjSimulator } from "../../../dev/simulators/cj";
import { MemoryCjTokenStore } from "./token-store";

// Every CJ code of docs/suppliers.md (CJ), as CJ sends it (HTTP 200, code in the envelope), through the client.
const BASE = "https://cj-errors.test/api2.0/v1";
const KEY = "cj_err_key";
const sim = createCjSimulator({ apiKey: KEY, autoAdvance: false, qps: 0 });
const server = setupServer(...cjHandlers(BASE, sim));
const config: SupplierConfig = {
  id: "s",
  slug: "cj",
  kind: "cj",
  baseUrl: BASE,
  credentials: { apiKey: KEY },
  webhookSecrets: [],
  timeoutMs: 500,
  rateLimitPerSec: 0,
};
const store = new MemoryCjTokenStore();
// Jitter fixed at its middle, so a first 1600200 waits exactly 1 s (pacer.test.ts covers the growth).
const adapter = new CjAdapter(config, undefined, { tokenStore: store, random: () => 0.5 });

function answer(code: number, message = "from CJ", status = 200) {
  server.use(
    http.get(`${BASE}/shopping/order/getOrderDetail`, () => HttpResponse.json({ code, result: false, message, data: null, requestId: "r1" }, { status })),
  );
}
async function failure(p: Promise<unknown>): Promise<SupplierError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SupplierError);
  return err as SupplierError;
}

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => {
  server.close();
  sim.close();
});

const EXPECTED: [number, "transient" | "permanent", string, number?][] = [
  [CJ_CODES.INVALID_REFRESH_TOKEN, "transient", "invalid_refresh_token"],
  [CJ_CODES.TOO_MANY_REQUESTS, "transient", "rate_limited", 1000],
  [CJ_CODES.QUOTA_USED_UP, "transient", "quota_exhausted", 3_600_000],
  [CJ_CODES.PARAM_ERROR, "permanent", "invalid_params"],
  [CJ_CODES.VARIANT_NOT_FOUND, "permanent", "variant_not_found"],
  [CJ_CODES.PRODUCT_NOT_FOUND, "permanent", "product_not_found"],
  [CJ_CODES.ORDER_CREATE_FAILED, "permanent", "order_create_failed"],
  [CJ_CODES.DUPLICATE_ORDER_NUMBER, "permanent", "duplicate_order_number"],
  [CJ_CODES.ORDER_NOT_FOUND, "permanent", "order_not_found"],
  [CJ_CODES.INSUFFICIENT_BALANCE, "permanent", "insufficient_balance"],
  [CJ_CODES.INVALID_LOGISTIC, "permanent", "invalid_logistic"],
];

describe("CJ error codes on HTTP 200", () => {
  it.each(EXPECTED)("code %i → %s %s", async (code, kind, name, retryAfterMs) => {
    answer(code, "Something CJ said");
    const err = await failure(adapter.getOrder({ reference: "so_1", supplierOrderId: null }));
    expect(err.kind).toBe(kind);
    expect(err.details).toEqual({ status: 200, code: name, ...(retryAfterMs ? { retryAfterMs } : {}) });
    expect(err.message).toContain(String(code));
    expect(err.message).toContain("Something CJ said");
  });

  it("1600001 refreshes and repeats once; a second 1600001 is transient invalid_token", async () => {
    await adapter.stockByVid("CJ-VID-1001B");
    const refreshesBefore = sim.state.stats.refreshCalls;
    answer(CJ_CODES.INVALID_TOKEN);
    expect(await failure(adapter.getOrder({ reference: "so_1", supplierOrderId: null }))).toMatchObject({
      kind: "transient",
      details: { code: "invalid_token" },
    });
    expect(sim.state.stats.refreshCalls).toBe(refreshesBefore + 1);
  });

  it("matches on code, never on the message", async () => {
    answer(CJ_CODES.ORDER_NOT_FOUND, "Insufficient balance, too many requests");
    expect(await failure(adapter.getOrder({ reference: "so_1", supplierOrderId: null }))).toMatchObject({ details: { code: "order_not_found" } });
    answer(CJ_CODES.TOO_MANY_REQUESTS, "Order not found");
    expect(await failure(adapter.getOrder({ reference: "so_1", supplierOrderId: null }))).toMatchObject({
      kind: "transient",
      details: { code: "rate_limited" },
    });
  });

  it("a code sent as a string counts the same", async () => {
    server.use(http.get(`${BASE}/shopping/order/getOrderDetail`, () => HttpResponse.json({ code: "1603100", result: false, message: "x", data: null })));
    expect(await failure(adapter.getOrder({ reference: "so_1", supplierOrderId: null }))).toMatchObject({
      kind: "permanent",
      details: { code: "order_not_found" },
    });
  });

  it("a CJ code on a non-2xx answer is mapped by the code, not the HTTP status", async () => {
    answer(CJ_CODES.TOO_MANY_REQUESTS, "slow down", 429);
    expect(await failure(adapter.getOrder({ reference: "so_1", supplierOrderId: null }))).toMatchObject({
      kind: "transient",
      details: { status: 429, code: "rate_limited", retryAfterMs: 1000 },
    });
    answer(CJ_CODES.PARAM_ERROR, "bad", 400);
    expect(await failure(adapter.getOrder({ reference: "so_1", supplierOrderId: null }))).toMatchObject({
      kind: "permanent",
      details: { status: 400, code: "invalid_params" },
    });
  });

  it("an unknown code is transient and named after its number", async () => {
    answer(1609999);
    expect(await failure(adapter.getOrder({ reference: "so_1", supplierOrderId: null }))).toMatchObject({ kind: "transient", details: { code: "cj_1609999" } });
  });

  it("HTTP 200 without a CJ envelope, or with data of the wrong shape, is transient malformed_response", async () => {
    server.use(http.get(`${BASE}/shopping/order/getOrderDetail`, () => HttpResponse.json({ ok: true })));
    expect(await failure(adapter.getOrder({ reference: "so_1", supplierOrderId: null }))).toMatchObject({
      kind: "transient",
      details: { code: "malformed_response" },
    });
    server.use(
      http.get(`${BASE}/shopping/order/getOrderDetail`, () =>
        HttpResponse.json({ code: 200, result: true, data: { orderId: "1", orderNumber: "so_1", orderStatus: "LOST" } }),
      ),
    );
    expect(await failure(adapter.getOrder({ reference: "so_1", supplierOrderId: null }))).toMatchObject({
      kind: "transient",
      details: { code: "malformed_response" },
    });
  });

  it("HTTP 5xx and network errors stay transient (supplierFetch)", async () => {
    server.use(http.get(`${BASE}/shopping/order/getOrderDetail`, () => HttpResponse.text("bad gateway", { status: 502 })));
    expect(await failure(adapter.getOrder({ reference: "so_1", supplierOrderId: null }))).toMatchObject({ kind: "transient", details: { status: 502 } });
    server.use(http.get(`${BASE}/shopping/order/getOrderDetail`, () => HttpResponse.error()));
    expect(await failure(adapter.getOrder({ reference: "so_1", supplierOrderId: null }))).toMatchObject({ kind: "transient", details: { code: "network" } });
  });

  it("has a rule for every code in the contract", () => {
    for (const code of Object.values(CJ_CODES).filter((c) => c !== 200)) expect(CJ_ERROR_RULES[code]).toBeDefined();
    expect(cjError("op", CJ_CODES.INSUFFICIENT_BALANCE).message).toMatch(/top up the CJ wallet/);
  });
});
