import "server-only";
import { redis } from "../redis";
import { log } from "../logger";
import { withTimeout } from "../timeout";

/**
 * Fixed-window limit in Redis, shared by every app instance.
 * Returns the seconds to wait when over the limit, else 0.
 *
 * Redis only schedules: when it does not answer within a moment, the limit
 * falls back to a window in this process (per instance, so looser), and the
 * request goes on. Orders keep being taken while Redis is away.
 */
const REDIS_WAIT_MS = 250;
const local = new Map<string, { window: number; count: number }>();
let warnedAt = 0;

export async function hitRateLimit(bucket: string, limit: number, windowSec = 60): Promise<number> {
  return (await takeRateLimit(bucket, limit, windowSec)).wait;
}

/** What the caller may still send in this window: for the RateLimit-* response headers. */
export type RateLimitState = { limit: number; remaining: number; resetSec: number; windowSec: number; wait: number };

/** Count one request in the bucket's window, and say where the bucket stands. */
export async function takeRateLimit(bucket: string, limit: number, windowSec = 60): Promise<RateLimitState> {
  const now = Date.now();
  const window = Math.floor(now / 1000 / windowSec);
  const wait = Math.max(1, (window + 1) * windowSec - Math.floor(now / 1000));
  const key = `rl:${bucket}:${window}`;
  try {
    const results = await withTimeout(
      redis
        .multi()
        .incr(key)
        .expire(key, windowSec + 1)
        .exec(),
      REDIS_WAIT_MS,
      `Redis did not answer within ${REDIS_WAIT_MS} ms`,
    );
    const count = Number(results?.[0]?.[1] ?? 0);
    return { limit, remaining: Math.max(0, limit - count), resetSec: wait, windowSec, wait: count <= limit ? 0 : wait };
  } catch (err) {
    if (now - warnedAt > 10_000) {
      warnedAt = now;
      log.warn("rate limit falls back to this instance: Redis unavailable", { err: (err as Error).message });
    }
    const entry = local.get(bucket);
    const cur = entry && entry.window === window ? entry : { window, count: 0 };
    cur.count++;
    local.set(bucket, cur);
    if (local.size > 10_000) for (const [k, v] of local) if (v.window !== window) local.delete(k);
    return { limit, remaining: Math.max(0, limit - cur.count), resetSec: wait, windowSec, wait: cur.count <= limit ? 0 : wait };
  }
}

/** The client's address as the proxy in front of us reports it (the first X-Forwarded-For hop), for per-address limits. */
export function clientAddress(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip")?.trim() || "unknown";
}
