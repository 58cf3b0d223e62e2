import { describe, expect, it } from "vitest";
import { SupplierError } from "../types";
import { cjAccountKey, MemoryCjTokenStore, RedisCjTokenStore, type CjTokens, type RedisLike } from "./token-store";

const SEAL = "a".repeat(64);

/** The four commands the store uses, with PX expiry and NX, in memory (a fake, not a mock). */
function fakeRedis() {
  const data = new Map<string, { value: string; expiresAt: number }>();
  const live = (k: string) => {
    const e = data.get(k);
    if (e && e.expiresAt <= Date.now()) data.delete(k);
    return data.get(k);
  };
  const redis: RedisLike & { data: typeof data } = {
    data,
    async get(k: string) {
      return live(k)?.value ?? null;
    },
    async set(k: string, value: string, _px: "PX", ms: number, nx?: "NX") {
      if (nx && live(k)) return null;
      data.set(k, { value, expiresAt: Date.now() + ms });
      return "OK";
    },
    async del(k: string) {
      return data.delete(k) ? 1 : 0;
    },
    async eval(_script: string, _n: number, key: string | number, owner: string | number) {
      if (live(String(key))?.value !== String(owner)) return 0;
      data.delete(String(key));
      return 1;
    },
  };
  return redis;
}

const tokens = (over: Partial<CjTokens> = {}): CjTokens => ({
  accessToken: "cjat_secret_access",
  accessTokenExpiresAt: Date.now() + 15 * 86_400_000,
  refreshToken: "cjrt_secret_refresh",
  refreshTokenExpiresAt: Date.now() + 180 * 86_400_000,
  openId: "1",
  obtainedAt: Date.now(),
  ...over,
});

describe("RedisCjTokenStore", () => {
  it("shares tokens between instances (processes), sealed, under a hashed account key", async () => {
    const redis = fakeRedis();
    const account = cjAccountKey("cj_live_api_key");
    const a = new RedisCjTokenStore(redis, account, { sealKey: SEAL });
    const b = new RedisCjTokenStore(async () => redis, account, { sealKey: SEAL });
    await a.set(tokens());
    expect(await b.get()).toEqual(
      tokens({ accessTokenExpiresAt: expect.any(Number), refreshTokenExpiresAt: expect.any(Number), obtainedAt: expect.any(Number) }),
    );
    const keys = [...redis.data.keys()];
    expect(keys).toEqual([`cj:tokens:${account}`]);
    expect(keys.join()).not.toContain("cj_live_api_key");
    const stored = redis.data.get(keys[0]!)!;
    expect(stored.value).not.toContain("cjat_secret_access");
    expect(stored.value).not.toContain("cjrt_secret_refresh");
    // Kept as long as the refresh token can use it, no longer.
    expect(stored.expiresAt).toBeGreaterThan(Date.now() + 179 * 86_400_000);
    await b.clear();
    expect(await a.get()).toBeNull();
  });

  it("reads unreadable (other key, garbage) tokens as none", async () => {
    const redis = fakeRedis();
    await new RedisCjTokenStore(redis, "acct", { sealKey: SEAL }).set(tokens());
    expect(await new RedisCjTokenStore(redis, "acct", { sealKey: "b".repeat(64) }).get()).toBeNull();
  });

  it("keeps the last authentication time apart from the tokens", async () => {
    const redis = fakeRedis();
    const s = new RedisCjTokenStore(redis, "acct", { sealKey: SEAL });
    expect(await s.lastAuthAt()).toBeNull();
    await s.noteAuth(1_700_000_000_000);
    await s.set(tokens());
    await s.clear();
    expect(await s.lastAuthAt()).toBe(1_700_000_000_000);
  });

  it("lets one holder at a time into withLock, across instances, and waiters then run", async () => {
    const redis = fakeRedis();
    const one = new RedisCjTokenStore(redis, "acct", { pollMs: 5 });
    const two = new RedisCjTokenStore(redis, "acct", { pollMs: 5 });
    const log: string[] = [];
    const hold = (name: string, ms: number) => async () => {
      log.push(`${name}:in`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`${name}:out`);
      return name;
    };
    expect(await Promise.all([one.withLock(hold("a", 40)), two.withLock(hold("b", 5)), one.withLock(hold("c", 5))])).toEqual(["a", "b", "c"]);
    for (let i = 0; i < log.length; i += 2) expect(log[i + 1]).toBe(log[i]!.replace(":in", ":out"));
    expect(redis.data.has("cj:tokens:acct:lock")).toBe(false);
  });

  it("releases the lock when fn throws, and does not release someone else's lease", async () => {
    const redis = fakeRedis();
    const s = new RedisCjTokenStore(redis, "acct", { pollMs: 5, lockTtlMs: 30 });
    await expect(
      s.withLock(async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(redis.data.has("cj:tokens:acct:lock")).toBe(false);
    // Our lease lapses mid-call and another process takes the lock: our release must leave theirs alone.
    await s.withLock(async () => {
      await new Promise((r) => setTimeout(r, 50));
      await redis.set("cj:tokens:acct:lock", "someone-else", "PX", 10_000);
    });
    expect(await redis.get("cj:tokens:acct:lock")).toBe("someone-else");
  });

  it("gives up waiting with a transient error", async () => {
    const redis = fakeRedis();
    await redis.set("cj:tokens:acct:lock", "stuck", "PX", 10_000);
    const s = new RedisCjTokenStore(redis, "acct", { pollMs: 5, lockWaitMs: 30 });
    const err = await s.withLock(async () => "never").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SupplierError);
    expect(err).toMatchObject({ kind: "transient", details: { code: "token_lock_timeout" } });
  });
});

describe("MemoryCjTokenStore", () => {
  it("serialises withLock callers and survives a throwing one", async () => {
    const s = new MemoryCjTokenStore();
    const order: number[] = [];
    const a = s.withLock(async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push(1);
      throw new Error("x");
    });
    const b = s.withLock(async () => void order.push(2));
    await expect(a).rejects.toThrow("x");
    await b;
    expect(order).toEqual([1, 2]);
    await s.set(tokens());
    expect((await s.get())!.accessToken).toBe("cjat_secret_access");
  });

  it("hashes API keys into account keys", () => {
    expect(cjAccountKey("k1")).toMatch(/^[0-9a-f]{32}$/);
    expect(cjAccountKey("k1")).not.toBe(cjAccountKey("k2"));
  });
});
