import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { wesellcellularHandlers } from "../../../tests/msw/wesellcellular";
import { SupplierError, type SupplierConfig } from "../types";
import { WesellCellularAdapter, type WesellCellularAdapterOptions } from "./adapter";
import { createWscSimulator } from "../../../dev/simulators/wesellcellular";
import { createMemoryTokenStore, tokenCacheKey, type TokenStore } from "./token-store";

// POST /auth/login, token reuse, and the one re-login on 401 (assumed contract, the contract).
const BASE = "https://wsc-auth.test";
const EMAIL = "buyer@portal.test";
const PASSWORD = "wsc-secret-pw";
const sim = createWscSimulator({ email: EMAIL, password: PASSWORD, autoAdvance: false });

const sent: { method: string; path: string; auth: string | null; body: Promise<string> }[] = [];
const server = setupServer(...wesellcellularHandlers(BASE, sim));
// A lifecycle listener, not a handler: it sees every request, also those that a
// test's server.use() override answers before any handler of ours runs.
server.events.on("request:start", ({ request }) => {
  sent.push({ method: request.method, path: new URL(request.url).pathname, auth: request.headers.get("authorization"), body: request.clone().text() });
});

const config: SupplierConfig = {
  id: "sup_wsc",
  slug: "wesellcellular",
  kind: "wesellcellular",
  baseUrl: BASE,
  credentials: { email: EMAIL, password: PASSWORD },
  webhookSecrets: [],
  timeoutMs: 500,
  rateLimitPerSec: 5,
};
const make = (opts: WesellCellularAdapterOptions = {}, over: Partial<SupplierConfig> = {}) =>
  new WesellCellularAdapter({ ...config, ...over }, undefined, { tokenStore: createMemoryTokenStore(), ...opts });
const paths = () => sent.map((s) => `${s.method} ${s.path}`);

async function failure(p: Promise<unknown>): Promise<SupplierError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SupplierError);
  return err as SupplierError;
}

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  sim.reset();
  sent.length = 0;
});
afterAll(() => {
  server.close();
  sim.close();
});

describe("WesellCellular login", () => {
  it("logs in with email and password, then reuses the token for every call", async () => {
    const adapter = make();
    await adapter.fetchInventory();
    await adapter.fetchInventory("2");
    await adapter.getOrder({ reference: "so_x", supplierOrderId: "SO-x" }).catch(() => null);
    expect(paths()).toEqual(["POST /auth/login", "GET /stocklist/items", "GET /stocklist/items", "GET /sales-orders/SO-x"]);
    expect(JSON.parse(await sent[0]!.body)).toStrictEqual({ email: EMAIL, password: PASSWORD });
    expect(sent[0]!.auth).toBeNull();
    const bearer = sent[1]!.auth;
    expect(bearer).toMatch(/^Bearer wsc_/);
    expect(sent.slice(1).every((s) => s.auth === bearer)).toBe(true);
    expect(sim.state.stats.logins).toBe(1);
  });

  it("concurrent first calls share one login", async () => {
    const adapter = make();
    await Promise.all([
      adapter.fetchInventory(),
      adapter.fetchInventory("2"),
      adapter.getOrder({ reference: "so_x", supplierOrderId: "SO-x" }).catch(() => null),
    ]);
    expect(sim.state.stats.logins).toBe(1);
  });

  it("adapters in different processes share the token through the store", async () => {
    const store = createMemoryTokenStore();
    await make({ tokenStore: store }).fetchInventory();
    await make({ tokenStore: store }).fetchInventory();
    expect(sim.state.stats.logins).toBe(1);
    expect([...store.entries.keys()]).toEqual([tokenCacheKey(BASE, EMAIL)]);
  });

  it("on a 401 logs in again exactly once, then the call succeeds", async () => {
    const adapter = make();
    await adapter.fetchInventory();
    sim.revokeTokens();
    sent.length = 0;
    const page = await adapter.fetchInventory();
    expect(page.items.length).toBeGreaterThan(0);
    expect(paths()).toEqual(["GET /stocklist/items", "POST /auth/login", "GET /stocklist/items"]);
    expect(sent[2]!.auth).not.toBe(sent[0]!.auth);
    expect(sim.state.stats).toMatchObject({ logins: 2, unauthorized: 1 });
  });

  it("a token WSC expired while we still trusted it: 401, one re-login, success", async () => {
    sim.configure({ tokenTtlMs: 40 });
    // Our clock stands still, so the adapter believes its token is valid.
    const adapter = make({ now: () => 0 });
    await adapter.fetchInventory();
    await new Promise((r) => setTimeout(r, 60));
    await adapter.fetchInventory();
    expect(sim.state.stats).toMatchObject({ logins: 2, unauthorized: 1 });
  });

  it("a token about to expire is replaced before use, without a 401", async () => {
    let now = 1_000_000;
    const store = createMemoryTokenStore(() => now);
    const adapter = make({ now: () => now, tokenStore: store });
    await adapter.fetchInventory();
    now += 3_600_000 - 30_000; // inside the refresh margin of the simulator's one-hour token
    await adapter.fetchInventory();
    expect(sim.state.stats).toMatchObject({ logins: 2, unauthorized: 0 });
  });

  it("a 401 that persists after the re-login is permanent, and there is no second re-login", async () => {
    server.use(http.get(`${BASE}/stocklist/items`, () => HttpResponse.json({ code: "unauthorized" }, { status: 401 })));
    const err = await failure(make().fetchInventory());
    expect(err).toMatchObject({ kind: "permanent", details: { status: 401, code: "unauthorized" } });
    expect(paths()).toEqual(["POST /auth/login", "GET /stocklist/items", "POST /auth/login", "GET /stocklist/items"]);
  });

  it("a re-login refused is permanent (no loop)", async () => {
    const adapter = make();
    await adapter.fetchInventory();
    sim.revokeTokens();
    server.use(http.post(`${BASE}/auth/login`, () => HttpResponse.json({ code: "invalid_credentials" }, { status: 401 })));
    sent.length = 0;
    expect(await failure(adapter.fetchInventory())).toMatchObject({ kind: "permanent", details: { code: "invalid_credentials" } });
    expect(paths()).toEqual(["GET /stocklist/items", "POST /auth/login"]);
  });

  it("wrong credentials are permanent and are not retried", async () => {
    const err = await failure(make({}, { credentials: { email: EMAIL, password: "wrong" } }).fetchInventory());
    expect(err).toMatchObject({ kind: "permanent", details: { status: 401, code: "invalid_credentials" } });
    expect(paths()).toEqual(["POST /auth/login"]);
    expect(err.message).not.toContain("wrong");
  });

  it("missing credentials fail permanently without a request", async () => {
    const err = await failure(make({}, { credentials: {} }).fetchInventory());
    expect(err).toMatchObject({ kind: "permanent", details: { code: "not_configured" } });
    expect(sent).toHaveLength(0);
  });

  it("a login answer without a token is transient malformed; a 5xx login is transient", async () => {
    server.use(http.post(`${BASE}/auth/login`, () => HttpResponse.json({ expiresIn: 3600 })));
    expect(await failure(make().fetchInventory())).toMatchObject({ kind: "transient", details: { code: "malformed_response" } });
    server.use(http.post(`${BASE}/auth/login`, () => HttpResponse.json({ code: "down" }, { status: 502 })));
    expect(await failure(make().fetchInventory())).toMatchObject({ kind: "transient", details: { status: 502 } });
  });

  it("a token store that fails costs a login, not the call", async () => {
    const broken: TokenStore = {
      get: () => Promise.reject(new Error("redis down")),
      set: () => Promise.reject(new Error("redis down")),
    };
    const adapter = make({ tokenStore: broken });
    await adapter.fetchInventory();
    await adapter.fetchInventory();
    // The process keeps its own copy, so even with the store down it logs in once.
    expect(sim.state.stats.logins).toBe(1);
  });
});
