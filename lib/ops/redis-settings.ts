import "server-only";
import { redis } from "../redis";

export type RedisSettings = {
  ok: boolean;
  /** `noeviction` keeps Redis from dropping queued jobs when memory runs out. */
  maxmemoryPolicy: string;
  /** `yes` keeps jobs across a Redis restart. */
  appendonly: string;
  warnings: string[];
};

let cached: { at: number; value: RedisSettings } | undefined;

/**
 * How the Redis we talk to is set up for queues. Managed services may refuse
 * CONFIG: then the settings are "unknown" (a warning, not an error). The
 * recovery pass heals what these settings would have prevented, but each lost
 * job costs a recovery delay, so the worker warns at start and /api/health shows it.
 */
export async function checkRedisSettings(maxAgeMs = 60_000): Promise<RedisSettings> {
  if (cached && Date.now() - cached.at < maxAgeMs) return cached.value;
  const get = async (name: string) => {
    try {
      const r = (await redis.call("CONFIG", "GET", name)) as string[];
      return r?.[1] ?? "unknown";
    } catch {
      return "unknown";
    }
  };
  const [maxmemoryPolicy, appendonly] = await Promise.all([get("maxmemory-policy"), get("appendonly")]);
  const warnings: string[] = [];
  if (maxmemoryPolicy !== "noeviction") {
    warnings.push(
      `maxmemory-policy is ${maxmemoryPolicy}, not noeviction: Redis may evict queued jobs under memory pressure (the recovery pass re-queues them from Postgres, late)`,
    );
  }
  if (appendonly !== "yes") {
    warnings.push(`appendonly is ${appendonly}: a Redis restart loses every queued job (the recovery pass re-queues them from Postgres within seconds)`);
  }
  const value = { ok: maxmemoryPolicy === "noeviction", maxmemoryPolicy, appendonly, warnings };
  cached = { at: Date.now(), value };
  return value;
}
