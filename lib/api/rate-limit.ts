import "server-only";
import { redis } from "../redis";

/**
 * Fixed-window limit in Redis, shared by every app instance.
 * Returns the seconds to wait when over the limit, else 0.
 */
export async function hitRateLimit(bucket: string, limit: number, windowSec = 60): Promise<number> {
  const now = Date.now();
  const window = Math.floor(now / 1000 / windowSec);
  const key = `rl:${bucket}:${window}`;
  const results = await redis.multi().incr(key).expire(key, windowSec + 1).exec();
  const count = Number(results?.[0]?.[1] ?? 0);
  if (count <= limit) return 0;
  return Math.max(1, (window + 1) * windowSec - Math.floor(now / 1000));
}
