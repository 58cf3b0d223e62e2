import "server-only";
import { Queue, type JobsOptions } from "bullmq";
import { createRedis } from "../redis";
import { env } from "../env";
import { QUEUES, type QueueName } from "./names";

const g = globalThis as unknown as { queues?: Map<QueueName, Queue>; queueRedis?: ReturnType<typeof createRedis> };

/**
 * How many attempts a job of this queue gets before it is given up. Counted in
 * Postgres (OutboxMessage.attempts), so a job that Redis lost and the recovery
 * pass put back keeps its count.
 */
export function maxAttempts(queue: QueueName | string): number {
  switch (queue) {
    case QUEUES.forward:
      return env().FORWARD_ATTEMPTS;
    case QUEUES.email:
      return 12;
    default:
      return 8;
  }
}

/** Default options per queue. Backoff is computed by the worker (exponential, jitter, Retry-After). */
export function defaultJobOptions(queue: QueueName): JobsOptions {
  const keep = { removeOnComplete: { age: 24 * 3600, count: 10_000 }, removeOnFail: { age: 7 * 24 * 3600 } };
  // BullMQ's own retries only cover a handler that could not reach Postgres at all;
  // the attempts that count are the outbox row's (lib/queue/run-job.ts).
  return { ...keep, attempts: maxAttempts(queue) + 2, backoff: { type: "supplier" } };
}

export function getQueue(name: QueueName): Queue {
  g.queues ??= new Map();
  let q = g.queues.get(name);
  if (!q) {
    // Producers fail fast while Redis is away (the outbox keeps the job); only
    // workers need the blocking connection that waits for ever.
    g.queueRedis ??= createRedis({ producer: true });
    q = new Queue(name, { connection: g.queueRedis, defaultJobOptions: defaultJobOptions(name) });
    // Without a listener BullMQ prints every failed reconnect; the connection already logs them (lib/redis.ts).
    q.on("error", () => undefined);
    g.queues.set(name, q);
  }
  return q;
}

export async function closeQueues() {
  for (const q of g.queues?.values() ?? []) await q.close();
  g.queues?.clear();
  if (g.queueRedis) {
    await g.queueRedis.quit().catch(() => undefined);
    g.queueRedis = undefined;
  }
}
