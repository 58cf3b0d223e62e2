import { Worker, type Job } from "bullmq";
import { createRedis } from "../lib/redis";
import { env } from "../lib/env";
import { log } from "../lib/logger";
import { QUEUES, type QueueName } from "../lib/queue/names";
import { pruneOutbox, sweepOutbox } from "../lib/queue/outbox";
import { pruneIdempotencyKeys } from "../lib/orders/idempotency";
import { closeQueues } from "../lib/queue/connection";
import { backoffDelay } from "./backoff";
import { handleForward } from "./handlers/forward";
import { handleWebhook } from "./handlers/webhook";
import { handleEmail } from "./handlers/email";
import { handleMaintenanceJob, handleOrdersJob } from "./handlers/orders";
import { getQueue } from "../lib/queue/connection";
import { jobs } from "../lib/queue/jobs";
import { handleCatalogSync } from "./handlers/catalog-sync";
import { keepSupplierSyncsScheduled } from "../lib/catalog/sync/schedule-supplier-syncs";

const handlers: Record<string, (job: Job, token?: string) => Promise<unknown>> = {
  [QUEUES.forward]: handleForward,
  [QUEUES.webhooks]: handleWebhook,
  [QUEUES.email]: handleEmail,
  [QUEUES.orders]: handleOrdersJob,
  [QUEUES.maintenance]: handleMaintenanceJob,
  [QUEUES.catalogSync]: handleCatalogSync,
};

export type RunningWorkers = { close(): Promise<void>; workers: Worker[] };

/**
 * Start every queue's worker plus the outbox sweeper in this process. Used by
 * workers/index.ts and by integration tests (which start and crash it).
 */
export function startWorkers(opts: { concurrency?: number; sweepEveryMs?: number; queues?: QueueName[] } = {}): RunningWorkers {
  const e = env();
  const names = opts.queues ?? (Object.keys(handlers) as QueueName[]);
  const workers = names.map((name) => {
    const w = new Worker(name, handlers[name]!, {
      connection: createRedis({ blocking: true }),
      concurrency: opts.concurrency ?? e.WORKER_CONCURRENCY,
      // A job whose worker died is picked up again after the lock expires.
      lockDuration: e.WORKER_LOCK_MS,
      stalledInterval: Math.max(1000, Math.floor(e.WORKER_LOCK_MS / 2)),
      maxStalledCount: 5,
      settings: { backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) => backoffDelay(attemptsMade, err, e.FORWARD_BACKOFF_MS) },
    });
    w.on("failed", (job, err) => log.warn("job failed", { queue: name, job: job?.name, id: job?.id, attempt: job?.attemptsMade, err: err.message }));
    w.on("error", (err) => log.error("worker error", { queue: name, err }));
    return w;
  });

  // One reconciler for the whole fleet: a job scheduler, not a timer per
  // worker. Re-asserted now and then (idempotent), since Redis here keeps
  // nothing on disk and a restart would silently drop the schedule.
  const scheduleReconciler = () => {
    if (!names.includes(QUEUES.maintenance)) return;
    const def = jobs.reconcileOrders;
    void getQueue(def.queue)
      .upsertJobScheduler("reconcile-orders", { every: e.RECONCILE_EVERY_MS }, { name: def.name, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } })
      .catch((err) => log.error("could not schedule the reconciler", { err }));
  };
  scheduleReconciler();
  const reschedule = setInterval(scheduleReconciler, Math.min(60_000, e.RECONCILE_EVERY_MS * 4));

  // Per-supplier stock/catalog sync schedulers (BullMQ job schedulers, shared by the fleet).
  const stopSyncSchedules = names.includes(QUEUES.catalogSync) ? keepSupplierSyncsScheduled() : () => undefined;

  let sweeping = false;
  const sweep = setInterval(async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      await sweepOutbox();
    } catch (err) {
      log.warn("outbox sweep failed", { err });
    } finally {
      sweeping = false;
    }
  }, opts.sweepEveryMs ?? 1000);
  const prune = setInterval(() => {
    void pruneOutbox().catch(() => undefined);
    void pruneIdempotencyKeys().catch(() => undefined);
  }, 3600_000);

  return {
    workers,
    async close() {
      clearInterval(sweep);
      clearInterval(prune);
      clearInterval(reschedule);
      stopSyncSchedules();
      // Worker.close waits for in-flight jobs to finish; anything it cannot
      // finish stays locked and is re-run by another worker when the lock expires.
      await Promise.all(workers.map((w) => w.close()));
      await closeQueues();
    },
  };
}
