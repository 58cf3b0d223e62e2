import "server-only";
import type { Redis } from "ioredis";

/**
 * A sliding-window limit shared by every worker process: at most `limit`
 * requests to one supplier in any window (not per calendar second, which
 * would allow a double burst across the boundary). Atomic in Redis.
 * The window is 1200 ms for a per-second limit: the margin absorbs the
 * jitter between taking a slot and the request reaching the supplier (a
 * busy event loop on either side), so the supplier never sees more than
 * `limit` in any second. SUPPLIER_RATE_WINDOW_MS tunes it.
 */
const SCRIPT = `
local key, now, window, limit, member = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
if count < limit then
  redis.call('ZADD', key, now, member)
  redis.call('PEXPIRE', key, window * 2)
  return 0
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

export const rateKey = (supplierId: string) => `supplier:rl:${supplierId}`;

export class SupplierRateLimiter {
  constructor(
    private readonly redis: Redis,
    readonly windowMs = 1200,
  ) {}

  /** Try to take a slot now; returns the ms to wait (0 = taken). */
  async tryAcquire(supplierId: string, limitPerWindow: number): Promise<number> {
    const now = Date.now();
    const member = `${now}-${Math.random().toString(36).slice(2)}`;
    const wait = await this.redis.eval(SCRIPT, 1, rateKey(supplierId), now, this.windowMs, Math.max(1, limitPerWindow), member);
    return Number(wait);
  }

  /** Wait until a slot is free (bounded, so a stuck limiter cannot hang a job forever). */
  async acquire(supplierId: string, limitPerWindow: number, maxWaitMs = 60_000): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    for (;;) {
      const wait = await this.tryAcquire(supplierId, limitPerWindow);
      if (wait === 0) return;
      if (Date.now() + wait > deadline) throw new Error(`rate limit for supplier ${supplierId}: no slot within ${maxWaitMs} ms`);
      // A little jitter so waiting workers do not all retry on the same millisecond.
      await new Promise((r) => setTimeout(r, wait + Math.floor(Math.random() * 5)));
    }
  }
}
