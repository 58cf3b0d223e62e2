import "server-only";
import { db } from "../db/client";
import { redis } from "../redis";
import { getQueue } from "../queue/connection";
import { QUEUES } from "../queue/names";

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`timed out after ${ms} ms`)), ms))]);

/** Dependency health for /api/health (contracts.md §1). */
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
  return {
    status: ok ? "ok" : "degraded",
    db: dbr.status === "fulfilled" ? "ok" : "down",
    redis: rr.status === "fulfilled" ? "ok" : "down",
    queues,
    time: new Date().toISOString(),
  };
}
