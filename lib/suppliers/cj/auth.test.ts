import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cjHandlers } from "../../../tests/msw/cj";
import { SupplierError, type SupplierConfig } from "../types";
import { CjAdapter } from "./adapter";
import { CJ_AUTH_FLOOR_MS } from "./auth";
import { createCjSimulator } from "../../../dev/simulators/cj";
import { MemoryCjTokenStore } from "./token-store";

// Token lifecycle against the simulator, with a clock the tests move.
const BASE = "https://cj-auth.test/api2.0/v1";
const KEY = "cj_auth_key";
let clock = Date.parse("2025-10-30T12:00:00Z");
const now = () => clock;
const DAY = 86_400_000;
const sim = createCjSimulator({ apiKey: KEY, autoAdvance: false, qps: 0, now });
const paths: string[] = [];
const server = setupServer(
  http.all(`${BASE}/*`, ({ request }) => void paths.push(new URL(request.url).pathname.replace("/api2.0/v1", ""))),
  ...cjHandlers(BASE, sim),
);
const config: SupplierConfig = {
  id: "sup_cj",
  slug: "cj",
  kind: "cj",
  baseUrl: BASE,
  credentials: { apiKey: KEY },
  webhookSecrets: [],
  timeoutMs: 500,
  rateLimitPerSec: 0,
};
let store = new MemoryCjTokenStore();
const make = (over: Partial<SupplierConfig> = {}) => new CjAdapter({ ...config, ...over }, undefined, { tokenStore: store, now });
const read = (a: CjAdapter) => a.stockByVid("CJ-VID-1001B");
const authPaths = () => paths.filter((p) => p.startsWith("/authentication/"));

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
  sim.revokeTokens({ refresh: true });
  sim.configure({ accessTokenTtlMs: 15 * DAY, refreshTokenTtlMs: 180 * DAY });
  paths.length = 0;
  store = new MemoryCjTokenStore();
  clock += CJ_AUTH_FLOOR_MS * 2;
});
afterAll(() => {
  server.close();
  sim.close();
});

describe("CJ token lifecycle", () => {
  it("authenticates once with the API key, then reuses the cached token", async () => {
    const a = make();
    await read(a);
    await read(a);
    // Another adapter (another job, same process or not) shares the store.
    await read(make());
    expect(authPaths()).toEqual(["/authentication/getAccessToken"]);
    expect(sim.state.stats.authCalls).toBe(1);
    const t = (await store.get())!;
    expect(t).toMatchObject({ accessToken: expect.stringMatching(/^cjat_/), refreshToken: expect.stringMatching(/^cjrt_/), openId: "1000000001" });
    // "…+08:00" dates from CJ become the right instant.
    expect(t.accessTokenExpiresAt).toBe(clock + 15 * DAY);
    expect(t.refreshTokenExpiresAt).toBe(clock + 180 * DAY);
  });

  it("concurrent first calls authenticate exactly once", async () => {
    await Promise.all([1, 2, 3, 4, 5].map(() => read(make())));
    expect(sim.state.stats.authCalls).toBe(1);
  });

  it("refreshes before expiry (within a day of it), not after", async () => {
    const a = make();
    await read(a);
    clock += 13 * DAY;
    await read(a);
    expect(sim.state.stats.refreshCalls).toBe(0);
    clock += DAY + 60_000;
    await read(a);
    expect(authPaths()).toEqual(["/authentication/getAccessToken", "/authentication/refreshAccessToken"]);
    const t = (await store.get())!;
    expect(t.accessTokenExpiresAt).toBe(clock + 15 * DAY);
    await read(a);
    expect(sim.state.stats.refreshCalls).toBe(1);
  });

  it("on 1600001 refreshes and repeats the call once", async () => {
    const a = make();
    await read(a);
    const before = (await store.get())!.accessToken;
    sim.revokeTokens();
    expect(await read(a)).toHaveLength(2);
    expect(paths.slice(-3)).toEqual(["/product/stock/queryByVid", "/authentication/refreshAccessToken", "/product/stock/queryByVid"]);
    expect((await store.get())!.accessToken).not.toBe(before);
    expect(sim.state.stats.authCalls).toBe(1);
  });

  it("an access token that expired at CJ (short TTL) is refreshed on 1600001", async () => {
    sim.configure({ accessTokenTtlMs: 1000 });
    const a = make();
    await read(a);
    // The sim's token expires; ours was issued with the same TTL, but a skewed clock can disagree.
    await store.set({ ...(await store.get())!, accessTokenExpiresAt: clock + 15 * DAY });
    clock += 2000;
    await read(a);
    expect(sim.state.stats.refreshCalls).toBe(1);
    expect(sim.state.stats.authCalls).toBe(1);
  });

  it("re-authenticates when the refresh token is refused (1600003)", async () => {
    const a = make();
    await read(a);
    sim.revokeTokens({ refresh: true });
    clock += CJ_AUTH_FLOOR_MS;
    await read(a);
    expect(authPaths()).toEqual(["/authentication/getAccessToken", "/authentication/refreshAccessToken", "/authentication/getAccessToken"]);
  });

  it("re-authenticates without trying a refresh token that has expired", async () => {
    sim.configure({ accessTokenTtlMs: 10 * DAY, refreshTokenTtlMs: 10 * DAY });
    const a = make();
    await read(a);
    clock += 10 * DAY + 1000;
    await read(a);
    expect(authPaths()).toEqual(["/authentication/getAccessToken", "/authentication/getAccessToken"]);
  });

  it("never calls getAccessToken twice within 5 minutes per account: transient with the wait", async () => {
    const a = make();
    await read(a);
    sim.revokeTokens({ refresh: true });
    clock += 60_000;
    const err = await failure(read(a));
    expect(err).toMatchObject({ kind: "transient", details: { code: "auth_rate_limited", retryAfterMs: CJ_AUTH_FLOOR_MS - 60_000 } });
    expect(sim.state.stats.authCalls).toBe(1);
    // Clearing the tokens does not lift the floor.
    await store.clear();
    expect(await failure(read(a))).toMatchObject({ details: { code: "auth_rate_limited" } });
    clock += CJ_AUTH_FLOOR_MS;
    await read(a);
    expect(sim.state.stats.authCalls).toBe(2);
  });

  it("a refused API key is permanent invalid_api_key", async () => {
    const wrong = make({ credentials: { apiKey: "cj_wrong" } });
    expect(await failure(read(wrong))).toMatchObject({ kind: "permanent", details: { code: "invalid_api_key" } });
    expect(await failure(read(make({ credentials: {} })))).toMatchObject({ kind: "permanent", details: { code: "not_configured" } });
  });

  it("keeps a still-valid token when an early refresh fails for a passing reason", async () => {
    const a = make();
    await read(a);
    clock += 14 * DAY + 60_000;
    server.use(http.post(`${BASE}/authentication/refreshAccessToken`, () => HttpResponse.error()));
    expect(await read(a)).toHaveLength(2);
    expect(sim.state.stats.authCalls).toBe(1);
  });

  it("a failed refresh of an expired token surfaces as transient", async () => {
    const a = make();
    await read(a);
    clock += 15 * DAY + 1000;
    server.use(
      http.post(`${BASE}/authentication/refreshAccessToken`, () => HttpResponse.json({ code: 1600200, result: false, message: "slow down", data: null })),
    );
    expect(await failure(read(a))).toMatchObject({ kind: "transient", details: { code: "rate_limited" } });
  });
});
