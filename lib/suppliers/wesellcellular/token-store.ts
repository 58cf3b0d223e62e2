import "server-only";
import { createHash } from "node:crypto";
import { decryptSecret, encryptSecret } from "../../crypto/credentials";

/**
 * Where WesellCellular session tokens are kept between calls. Redis in the
 * app and the worker, so every process shares one login instead of each
 * logging in on its own (login endpoints tend to be rate limited, and some
 * end the previous session). In memory for tests.
 *
 * A stored token is a secret: Redis holds it sealed with CREDENTIALS_KEY and
 * it expires with the token. Nothing here logs it.
 */
export type StoredToken = { token: string; /** epoch ms after which we stop using it */ expiresAt: number };

export interface TokenStore {
  get(key: string): Promise<StoredToken | null>;
  set(key: string, value: StoredToken): Promise<void>;
}

/** One cache entry per account and endpoint; the email is hashed so keys carry no PII. */
export function tokenCacheKey(baseUrl: string, email: string): string {
  const digest = createHash("sha256")
    .update(`${baseUrl.replace(/\/+$/, "")}\n${email.trim().toLowerCase()}`)
    .digest("hex");
  return `wsc:token:${digest.slice(0, 32)}`;
}

export function createMemoryTokenStore(now: () => number = Date.now): TokenStore & { entries: Map<string, StoredToken> } {
  const entries = new Map<string, StoredToken>();
  return {
    entries,
    async get(key) {
      const v = entries.get(key);
      if (!v) return null;
      if (v.expiresAt <= now()) {
        entries.delete(key);
        return null;
      }
      return { ...v };
    },
    async set(key, value) {
      entries.set(key, { ...value });
    },
  };
}

/** The two ioredis commands the store needs (a fake in tests). */
export type RedisLike = {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, mode: "PX", ttlMs: number): Promise<unknown>;
};

export type RedisTokenStoreOptions = {
  /** Resolved on first use, so importing the adapter opens no connection. */
  client: () => Promise<RedisLike> | RedisLike;
  /** Defaults to CREDENTIALS_KEY; tests pass one. */
  credentialsKey?: string;
  now?: () => number;
};

export function createRedisTokenStore(opts: RedisTokenStoreOptions): TokenStore {
  const now = opts.now ?? Date.now;
  return {
    async get(key) {
      const raw = await (await opts.client()).get(key);
      if (!raw) return null;
      try {
        const v = JSON.parse(raw) as { sealed?: unknown; expiresAt?: unknown };
        if (typeof v.sealed !== "string" || typeof v.expiresAt !== "number" || v.expiresAt <= now()) return null;
        return { token: decryptSecret(v.sealed, opts.credentialsKey), expiresAt: v.expiresAt };
      } catch {
        // Another key or a damaged entry: the caller logs in again and overwrites it.
        return null;
      }
    },
    async set(key, value) {
      const ttlMs = Math.floor(value.expiresAt - now());
      if (ttlMs <= 0) return;
      const sealed = encryptSecret(value.token, opts.credentialsKey);
      await (await opts.client()).set(key, JSON.stringify({ sealed, expiresAt: value.expiresAt }), "PX", ttlMs);
    },
  };
}

/** The app's store: the shared Redis client, imported lazily (tests never touch it). */
export function defaultTokenStore(): TokenStore {
  return createRedisTokenStore({ client: async () => (await import("../../redis")).redis });
}
