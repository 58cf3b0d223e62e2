import { describe, expect, it } from "vitest";
import { refreshMargin } from "./session";
import { createMemoryTokenStore, createRedisTokenStore, tokenCacheKey, type RedisLike } from "./token-store";

const KEY_A = "a".repeat(64);
const KEY_B = "b".repeat(64);

/** The two Redis commands, over a Map, recording the TTLs asked for. */
function fakeRedis() {
  const data = new Map<string, string>();
  const ttls: number[] = [];
  const client: RedisLike = {
    get: async (k) => data.get(k) ?? null,
    set: async (k, v, _mode, ttl) => {
      data.set(k, v);
      ttls.push(ttl);
      return "OK";
    },
  };
  return { data, ttls, client };
}

describe("tokenCacheKey", () => {
  it("is one key per account and endpoint, without the email in it", () => {
    const k = tokenCacheKey("https://wsc.test/", "Buyer@Portal.test");
    expect(k).toMatch(/^wsc:token:[0-9a-f]{32}$/);
    expect(k).toBe(tokenCacheKey("https://wsc.test", "buyer@portal.test"));
    expect(k).not.toBe(tokenCacheKey("https://wsc.test", "other@portal.test"));
    expect(k).not.toBe(tokenCacheKey("https://other.test", "buyer@portal.test"));
  });
});

describe("memory token store", () => {
  it("forgets a token once it expires", async () => {
    let now = 0;
    const store = createMemoryTokenStore(() => now);
    await store.set("k", { token: "t", expiresAt: 100 });
    expect(await store.get("k")).toEqual({ token: "t", expiresAt: 100 });
    now = 100;
    expect(await store.get("k")).toBeNull();
  });
});

describe("redis token store", () => {
  it("stores the token sealed, with a TTL that ends with it", async () => {
    const redis = fakeRedis();
    const store = createRedisTokenStore({ client: () => redis.client, credentialsKey: KEY_A, now: () => 1000 });
    await store.set("k", { token: "wsc_secret_token", expiresAt: 61_000 });
    expect(redis.ttls).toEqual([60_000]);
    expect(redis.data.get("k")).not.toContain("wsc_secret_token");
    expect(await store.get("k")).toEqual({ token: "wsc_secret_token", expiresAt: 61_000 });
  });

  it("reads nothing from an entry sealed with another key, a damaged one, or an expired one", async () => {
    const redis = fakeRedis();
    const now = { t: 0 };
    await createRedisTokenStore({ client: () => redis.client, credentialsKey: KEY_B, now: () => now.t }).set("k", { token: "t", expiresAt: 500 });
    const store = createRedisTokenStore({ client: () => redis.client, credentialsKey: KEY_A, now: () => now.t });
    expect(await store.get("k")).toBeNull();
    redis.data.set("k", "not json");
    expect(await store.get("k")).toBeNull();
    await store.set("k", { token: "t", expiresAt: 500 });
    now.t = 500;
    expect(await store.get("k")).toBeNull();
  });

  it("does not store a token that has already expired", async () => {
    const redis = fakeRedis();
    await createRedisTokenStore({ client: () => redis.client, credentialsKey: KEY_A, now: () => 10 }).set("k", { token: "t", expiresAt: 10 });
    expect(redis.data.size).toBe(0);
  });
});

describe("refreshMargin", () => {
  it("is 10 % of the token's life, at most 30 s", () => {
    expect(refreshMargin(1000)).toBe(100);
    expect(refreshMargin(3_600_000)).toBe(30_000);
  });
});
