import "server-only";
import { Queue, type JobsOptions } from "bullmq";
import { createRedis } from "../redis";
import { env } from "../env";
import { QUEUES, type QueueName } from "./names";

const g = globalThis as unknown as { queues?: Map<QueueName, Queue>; queueRedis?: ReturnType<typeof createRedis> };

/** Default options per queue: how often and how patiently each kind of job is retried. */
export function defaultJobOptions(queue: QueueName): JobsOptions {
  const keep = { removeOnComplete: { age: 24 * 3600, count: 10_000 }, removeOnFail: { age: 7 * 24 * 3600 } };
  switch (queue) {
    case QUEUES.forward:
      // Backoff is computed by the worker (exponential, jitter, Retry-After).
      return { ...keep, attempts: env().FORWARD_ATTEMPTS, backoff: { type: "supplier" } };
    case QUEUES.email:
      return { ...keep, attempts: 12, backoff: { type: "supplier" } };
    default:
      return { ...keep, attempts: 8, backoff: { type: "supplier" } };
  }
}

export function getQueue(name: QueueName): Queue {
  g.queues ??= new Map();
  let q = g.queues.get(name);
  if (!q) {
    g.queueRedis ??= createRedis({ blocking: true });
    q = new Queue(name, { connection: g.queueRedis, defaultJobOptions: defaultJobOptions(name) });
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
