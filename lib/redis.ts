import "server-only";
import { Redis } from "ioredis";
import { env } from "./env";

const g = globalThis as unknown as { redis?: Redis };

/** A new connection (BullMQ workers and blocking readers need their own). */
export function createRedis(opts: { blocking?: boolean } = {}) {
  return new Redis(env().REDIS_URL, {
    // BullMQ requires null for blocking connections; commands on the shared
    // client fail fast instead of hanging when Redis is down.
    maxRetriesPerRequest: opts.blocking ? null : 2,
    enableReadyCheck: true,
    lazyConnect: false,
  });
}

/** The process's shared, non-blocking Redis client. */
export const redis: Redis = g.redis ?? createRedis();
g.redis = redis;
