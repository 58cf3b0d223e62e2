import "server-only";
import type { Redis } from "ioredis";
import { SupplierRateLimiter } from "../resilience/rate-limiter";

/**
 * What one CJ account shares across every process (web, workers, scripts):
 * the account's QPS as GET /setting/get told it (cached 24 h), the request
 * slots that keep the whole fleet under that QPS, and the run of consecutive
 * 1600200 answers that makes the backoff grow. The account is named by
 * cjAccountKey(apiKey), as its tokens are (token-store.ts): the openId is
 * only known after authenticating, and one API key is one account.
 */
export interface CjAccountState {
  /** The cached account QPS, or null when unknown or expired. */
  readQps(): Promise<number | null>;
  saveQps(qps: number, ttlMs: number): Promise<void>;
  forgetQps(): Promise<void>;
  /** Take a request slot (at most `limit` in any pace window): 0 = taken, else the ms to wait. */
  takeSlot(limit: number): Promise<number>;
  /** Count a 1600200: the consecutive run, and how many fell in the last minute. */
  noteRateLimited(): Promise<{ streak: number; recent: number }>;
  /** CJ admitted a call: the run is over. */
  clearStreak(): Promise<void>;
}

/**
 * CJ counts per second; the window is 1.2 s, as for SupplierRateLimiter, so
 * the jitter between taking a slot and the request reaching CJ (a busy event
 * loop, the network) cannot put two calls of a 1-QPS account in one CJ second.
 */
export const CJ_PACE_WINDOW_MS = 1200;
/** A run of 1600200s is forgotten after this long without one. */
export const CJ_STREAK_TTL_MS = 5 * 60 * 1000;
/** "Repeated 1600200" is counted over this window. */
export const CJ_RATE_LIMIT_WINDOW_MS = 60 * 1000;

// ── In memory (unit tests; one process) ───────────────────────────────────
export class MemoryCjAccountState implements CjAccountState {
  private qps: { value: number; until: number } | null = null;
  private slots: number[] = [];
  private streak = 0;
  private streakUntil = 0;
  private recent: number[] = [];

  constructor(
    private readonly windowMs = CJ_PACE_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async readQps() {
    return this.qps && this.qps.until > this.now() ? this.qps.value : null;
  }
  async saveQps(value: number, ttlMs: number) {
    this.qps = { value, until: this.now() + ttlMs };
  }
  async forgetQps() {
    this.qps = null;
  }
  async takeSlot(limit: number) {
    const t = this.now();
    this.slots = this.slots.filter((at) => at > t - this.windowMs);
    if (this.slots.length < Math.max(1, limit)) {
      this.slots.push(t);
      return 0;
    }
    return Math.max(1, this.slots[0]! + this.windowMs - t);
  }
  async noteRateLimited() {
    const t = this.now();
    this.streak = this.streakUntil > t ? this.streak + 1 : 1;
    this.streakUntil = t + CJ_STREAK_TTL_MS;
    this.recent = [...this.recent.filter((at) => at > t - CJ_RATE_LIMIT_WINDOW_MS), t];
    return { streak: this.streak, recent: this.recent.length };
  }
  async clearStreak() {
    this.streak = 0;
    this.streakUntil = 0;
  }
}

// ── Redis (every process of the app) ──────────────────────────────────────
/** Both counters in one round trip; the minute counter is a fixed window from its first 1600200. */
const NOTE = `
local s = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
local r = redis.call('INCR', KEYS[2])
if r == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
return {s, r}
`;

export class RedisCjAccountState implements CjAccountState {
  private readonly qpsKey: string;
  private readonly streakKey: string;
  private readonly recentKey: string;
  /** The limiter's key is supplier:rl:cj-account:<account>, apart from the per-supplier one of guard.ts. */
  private readonly limiterId: string;
  private limiter: SupplierRateLimiter | null = null;

  /** `redis` may be a getter so that importing the adapter does not open a connection. */
  constructor(
    private readonly redis: Redis | (() => Promise<Redis>),
    accountKey: string,
    private readonly windowMs = CJ_PACE_WINDOW_MS,
  ) {
    this.qpsKey = `cj:account:${accountKey}:qps`;
    this.streakKey = `cj:account:${accountKey}:rl-streak`;
    this.recentKey = `cj:account:${accountKey}:rl-recent`;
    this.limiterId = `cj-account:${accountKey}`;
  }

  private client(): Promise<Redis> {
    return typeof this.redis === "function" ? this.redis() : Promise.resolve(this.redis);
  }

  async readQps(): Promise<number | null> {
    const v = await (await this.client()).get(this.qpsKey);
    const n = v === null ? NaN : Number(v);
    return Number.isFinite(n) && n > 0 ? n : null;
  }

  async saveQps(qps: number, ttlMs: number): Promise<void> {
    await (await this.client()).set(this.qpsKey, String(qps), "PX", Math.max(1000, Math.round(ttlMs)));
  }

  async forgetQps(): Promise<void> {
    await (await this.client()).del(this.qpsKey);
  }

  async takeSlot(limit: number): Promise<number> {
    this.limiter ??= new SupplierRateLimiter(await this.client(), this.windowMs);
    return this.limiter.tryAcquire(this.limiterId, Math.max(1, Math.floor(limit)));
  }

  async noteRateLimited(): Promise<{ streak: number; recent: number }> {
    const res = (await (await this.client()).eval(NOTE, 2, this.streakKey, this.recentKey, CJ_STREAK_TTL_MS, CJ_RATE_LIMIT_WINDOW_MS)) as [number, number];
    return { streak: Number(res[0]), recent: Number(res[1]) };
  }

  async clearStreak(): Promise<void> {
    await (await this.client()).del(this.streakKey);
  }
}
