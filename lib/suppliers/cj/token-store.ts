import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { decryptJson, encryptJson } from "../../crypto/credentials";
import { SupplierError } from "../types";

/**
 * Where CJ tokens live between calls. CJ limits authentication calls, so the
 * tokens of one CJ account are shared by every process (web, worker, scripts)
 * through Redis, and only one process at a time may authenticate or refresh
 * (`withLock`); the others wait, then re-read what the winner stored.
 *
 * Besides the tokens, the store remembers when getAccessToken was last called
 * for the account (`lastAuthAt`), kept apart from the tokens so that clearing
 * them cannot lift the once-per-5-minutes floor.
 */
export type CjTokens = {
  accessToken: string;
  /** Epoch ms. */
  accessTokenExpiresAt: number;
  refreshToken: string;
  refreshTokenExpiresAt: number;
  /** The account's openId (also the webhook signing key), when CJ sent it. */
  openId: string | null;
  /** When this access token was issued (for the refresh margin). */
  obtainedAt: number;
};

export interface CjTokenStore {
  get(): Promise<CjTokens | null>;
  set(t: CjTokens): Promise<void>;
  clear(): Promise<void>;
  /** Runs fn while holding the account's auth lock (across processes for Redis). */
  withLock<T>(fn: () => Promise<T>): Promise<T>;
  lastAuthAt(): Promise<number | null>;
  noteAuth(at: number): Promise<void>;
}

/** The account part of key names: a hash, so a raw API key never appears in Redis. */
export function cjAccountKey(apiKey: string): string {
  return createHash("sha256").update(`cj:${apiKey}`).digest("hex").slice(0, 32);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ── In memory (unit tests; one process) ───────────────────────────────────
export class MemoryCjTokenStore implements CjTokenStore {
  private tokens: CjTokens | null = null;
  private authAt: number | null = null;
  private chain: Promise<unknown> = Promise.resolve();

  async get() {
    return this.tokens ? { ...this.tokens } : null;
  }
  async set(t: CjTokens) {
    this.tokens = { ...t };
  }
  async clear() {
    this.tokens = null;
  }
  async lastAuthAt() {
    return this.authAt;
  }
  async noteAuth(at: number) {
    this.authAt = at;
  }
  /** A promise-chain mutex: callers run one after another, in arrival order. */
  withLock<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }
}

// ── Redis (every process of the app) ──────────────────────────────────────
/** The few commands used, so tests can pass a fake and ioredis fits as is. */
export type RedisLike = {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, px: "PX", ms: number): Promise<unknown>;
  set(key: string, value: string, px: "PX", ms: number, nx: "NX"): Promise<unknown>;
  del(key: string): Promise<number>;
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
};

export type RedisCjTokenStoreOptions = {
  /** Lock lease: longer than an auth call can take (its timeout), so it never lapses mid-call. */
  lockTtlMs?: number;
  /** How long a waiter waits for the lock before giving up (transient error). */
  lockWaitMs?: number;
  pollMs?: number;
  /** CREDENTIALS_KEY override (tests); tokens are sealed with it at rest. */
  sealKey?: string;
};

/** Deletes the lock only if we still own it (a lapsed lease may belong to someone else now). */
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const AUTH_AT_RETENTION_MS = 24 * 60 * 60 * 1000;

export class RedisCjTokenStore implements CjTokenStore {
  private readonly tokensKey: string;
  private readonly lockKey: string;
  private readonly authAtKey: string;
  private readonly lockTtlMs: number;
  private readonly lockWaitMs: number;
  private readonly pollMs: number;

  /** `redis` may be a getter so that importing the adapter does not open a connection. */
  constructor(
    private readonly redis: RedisLike | (() => Promise<RedisLike>),
    accountKey: string,
    private readonly opts: RedisCjTokenStoreOptions = {},
  ) {
    this.tokensKey = `cj:tokens:${accountKey}`;
    this.lockKey = `cj:tokens:${accountKey}:lock`;
    this.authAtKey = `cj:tokens:${accountKey}:auth-at`;
    this.lockTtlMs = opts.lockTtlMs ?? 30_000;
    this.lockWaitMs = opts.lockWaitMs ?? 35_000;
    this.pollMs = opts.pollMs ?? 50;
  }

  private client(): Promise<RedisLike> {
    return typeof this.redis === "function" ? this.redis() : Promise.resolve(this.redis);
  }

  async get(): Promise<CjTokens | null> {
    const sealed = await (await this.client()).get(this.tokensKey);
    if (!sealed) return null;
    try {
      return decryptJson<CjTokens>(sealed, this.opts.sealKey);
    } catch {
      // Sealed with a rotated key, or garbage: as good as no tokens (we authenticate again).
      return null;
    }
  }

  async set(t: CjTokens): Promise<void> {
    // Sealed: a Redis dump must not hand out a working CJ session.
    const ttl = Math.max(1000, t.refreshTokenExpiresAt - Date.now());
    await (await this.client()).set(this.tokensKey, encryptJson(t, this.opts.sealKey), "PX", ttl);
  }

  async clear(): Promise<void> {
    await (await this.client()).del(this.tokensKey);
  }

  async lastAuthAt(): Promise<number | null> {
    const v = await (await this.client()).get(this.authAtKey);
    return v && /^\d+$/.test(v) ? Number(v) : null;
  }

  async noteAuth(at: number): Promise<void> {
    await (await this.client()).set(this.authAtKey, String(at), "PX", AUTH_AT_RETENTION_MS);
  }

  /** SET NX PX lease; waiters poll, and re-read the tokens inside fn once they hold it. */
  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    const redis = await this.client();
    const owner = randomUUID();
    const deadline = Date.now() + this.lockWaitMs;
    while ((await redis.set(this.lockKey, owner, "PX", this.lockTtlMs, "NX")) !== "OK") {
      if (Date.now() >= deadline) {
        throw new SupplierError("cj.auth: another process holds the token lock for too long", "transient", {
          code: "token_lock_timeout",
          retryAfterMs: this.pollMs * 20,
        });
      }
      await sleep(this.pollMs);
    }
    try {
      return await fn();
    } finally {
      await redis.eval(RELEASE, 1, this.lockKey, owner).catch(() => undefined);
    }
  }
}
