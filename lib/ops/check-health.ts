import "server-only";
import { db } from "../db/client";
import { redis } from "../redis";
import { getQueue } from "../queue/connection";
import { QUEUES } from "../queue/names";
import { checkRedisSettings } from "./redis-settings";
import { withTimeout } from "../timeout";

/** Dependency health for /api/health (docs/api.md). */
export async function checkHealth() {
  const [dbr, rr] = await Promise.allSettled([withTimeout(db.$queryRaw`SELECT 1`, 2000), withTimeout(redis.ping(), 2000)]);
  const queues: Record<string, unknown> = {};
  if (rr.status === "fulfilled") {
    await Promise.all(
      Object.values(QUEUES).map(async (name) => {
        try {
          queues[name] = await withTimeout(getQueue(name).getJobCounts("waiting", "active", "delayed", "failed"), 2000);
        } catch {
          queues[name] = "error";
        }
      }),
    );
  }
  const ok = dbr.status === "fulfilled" && rr.status === "fulfilled";
  const settings = rr.status === "fulfilled" ? await withTimeout(checkRedisSettings(), 2000).catch(() => null) : null;
  return {
    status: ok ? "ok" : "degraded",
    db: dbr.status === "fulfilled" ? "ok" : "down",
    redis: rr.status === "fulfilled" ? "ok" : "down",
    // Not a failure: the recovery pass covers lost jobs. Ops should still fix it (README, Deployment).
    redisSettings: settings ? { maxmemoryPolicy: settings.maxmemoryPolicy, appendonly: settings.appendonly, warnings: settings.warnings } : "unknown",
    queues,
    time: new Date().toISOString(),
  };
}
