import "server-only";
import { Redis } from "ioredis";
import { env } from "./env";
import { log } from "./logger";

const g = globalThis as unknown as { redis?: Redis };

/** A new connection (BullMQ workers and blocking readers need their own). */
export function createRedis(opts: { blocking?: boolean; producer?: boolean } = {}) {
  const r = new Redis(env().REDIS_URL, {
    // BullMQ requires null for blocking connections; commands on the shared
    // client and on queue producers fail fast instead of hanging when Redis is down.
    maxRetriesPerRequest: opts.blocking ? null : opts.producer ? 1 : 2,
    enableReadyCheck: true,
    lazyConnect: false,
    connectTimeout: 5000,
    // Reconnect for ever, quickly at first: the process heals by itself when Redis is back.
    retryStrategy: (times) => Math.min(100 * times, 2000),
    // The shared client sends the commands of one event-loop turn as one write (many
    // concurrent requests' rate limits, live events and breaker checks); BullMQ's own
    // connections stay as BullMQ expects them.
    enableAutoPipelining: !opts.blocking && !opts.producer,
  });
  // Without a listener ioredis prints every failed reconnect as an unhandled error.
  let warned = 0;
  r.on("error", (err) => {
    if (Date.now() - warned > 10_000) {
      warned = Date.now();
      log.warn("redis connection error (reconnecting)", { err: (err as Error).message });
    }
  });
  return r;
}

/** The process's shared, non-blocking Redis client. */
export const redis: Redis = g.redis ?? createRedis();
g.redis = redis;
