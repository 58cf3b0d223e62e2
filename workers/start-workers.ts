import { Worker, type Job } from "bullmq";
import { createRedis } from "../lib/redis";
import { env } from "../lib/env";
import { log } from "../lib/logger";
import { QUEUES, type QueueName } from "../lib/queue/names";
import { pruneOutbox } from "../lib/queue/outbox";
import { pruneIdempotencyKeys } from "../lib/orders/idempotency";
import { pruneRejectedWebhooks } from "../lib/webhooks/prune-rejected-webhooks";
import { closeQueues } from "../lib/queue/connection";
import { backoffDelay } from "../lib/queue/backoff";
import { jobs } from "../lib/queue/jobs";
import { runJob, type JobHandler } from "../lib/queue/run-job";
import { ensureSchedulers, recoverWork } from "../lib/ops/recover-work";
import { checkRedisSettings } from "../lib/ops/redis-settings";
import { forwardHandler } from "./handlers/forward";
import { webhookHandler } from "./handlers/webhook";
import { emailHandler } from "./handlers/email";
import {
  cancelHandler,
  deliverWebhooksHandler,
  expireOffersHandler,
  orderAcceptedOfferHandler,
  scanExceptionsHandler,
  pollHandler,
  reconcileHandler,
  recoverHandler,
} from "./handlers/orders";
import { resetWebhookDrainer, stopWebhookDrainer } from "./webhook-drainer";
import { catalogSyncHandler } from "./handlers/catalog-sync";
import { refreshSupplierScoresHandler } from "./handlers/scorecards";
import { forwardsFirst, type ForwardsFirst } from "./forwards-first";

/** Every job kind's handler, by queue and job name. */
const handlers: Record<string, JobHandler> = {
  [`${QUEUES.forward}/${jobs.forwardSupplierOrder.name}`]: forwardHandler,
  [`${QUEUES.webhooks}/${jobs.processWebhook.name}`]: webhookHandler,
  [`${QUEUES.email}/${jobs.sendEmail.name}`]: emailHandler,
  [`${QUEUES.orders}/${jobs.cancelOrder.name}`]: cancelHandler,
  [`${QUEUES.orders}/${jobs.pollSupplierOrder.name}`]: pollHandler,
  [`${QUEUES.orders}/${jobs.orderAcceptedOffer.name}`]: orderAcceptedOfferHandler,
  [`${QUEUES.maintenance}/${jobs.reconcileOrders.name}`]: reconcileHandler,
  [`${QUEUES.maintenance}/${jobs.deliverWebhooks.name}`]: deliverWebhooksHandler,
  [`${QUEUES.maintenance}/${jobs.expireOffers.name}`]: expireOffersHandler,
  [`${QUEUES.maintenance}/${jobs.scanExceptions.name}`]: scanExceptionsHandler,
  [`${QUEUES.maintenance}/${jobs.recoverWork.name}`]: recoverHandler,
  [`${QUEUES.catalogSync}/${jobs.catalogSync.name}`]: catalogSyncHandler,
  [`${QUEUES.maintenance}/${jobs.refreshSupplierScores.name}`]: refreshSupplierScoresHandler,
};

function processorFor(priority: { current?: ForwardsFirst }) {
  return async (job: Job, token?: string) => {
    const handler = handlers[`${job.queueName}/${job.name}`];
    if (!handler) throw new Error(`unknown job ${job.name} on ${job.queueName}`);
    const gate = job.queueName === QUEUES.forward ? priority.current : undefined;
    gate?.started();
    try {
      return await runJob(job, token, handler);
    } finally {
      gate?.finished();
    }
  };
}

/**
 * Slots per queue: the busy queues get WORKER_CONCURRENCY (their jobs wait on suppliers and
 * SMTP, and those running together are batched); the rare ones a few, since every idle slot
 * costs Redis round trips while it waits.
 */
function slotsFor(name: QueueName, concurrency: number): number {
  switch (name) {
    case QUEUES.maintenance:
      return Math.min(concurrency, 2);
    case QUEUES.catalogSync:
    case QUEUES.orders:
      return Math.min(concurrency, 5);
    default:
      return concurrency;
  }
}

export type RunningWorkers = { close(): Promise<void>; workers: Worker[]; ready: Promise<void> };

/**
 * Start every queue's worker in this process, run the recovery pass once, and
 * keep the fleet's job schedulers in place. Used by workers/index.ts and by
 * integration tests (which start and crash it).
 */
export function startWorkers(opts: { concurrency?: number; queues?: QueueName[] } = {}): RunningWorkers {
  const e = env();
  const names = opts.queues ?? (Object.values(QUEUES) as QueueName[]);
  const priority: { current?: ForwardsFirst } = {};
  const process = processorFor(priority);
  const workers = names.map((name) => {
    const w = new Worker(name, process, {
      connection: createRedis({ blocking: true }),
      concurrency: slotsFor(name, opts.concurrency ?? e.WORKER_CONCURRENCY),
      // A job whose worker died is picked up again after the lock expires
      // (or, if Redis lost it too, by the recovery pass after its Postgres lease).
      lockDuration: e.WORKER_LOCK_MS,
      stalledInterval: Math.max(1000, Math.floor(e.WORKER_LOCK_MS / 2)),
      maxStalledCount: 5,
      settings: { backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) => backoffDelay(attemptsMade, err, e.FORWARD_BACKOFF_MS) },
    });
    w.on("failed", (job, err) => log.warn("job failed", { queue: name, job: job?.name, id: job?.id, attempt: job?.attemptsMade, err: err.message }));
    w.on("error", (err) => log.error("worker error", { queue: name, err: (err as Error).message }));
    return w;
  });

  const emailWorker = workers.find((w) => w.name === QUEUES.email);
  if (emailWorker && names.includes(QUEUES.forward))
    priority.current = forwardsFirst(emailWorker, {
      full: emailWorker.concurrency,
      throttled: e.WORKER_EMAIL_SLOTS_WHILE_FORWARDING,
      backlog: e.WORKER_FORWARD_BACKLOG,
    });

  const ownsMaintenance = names.includes(QUEUES.maintenance);
  if (ownsMaintenance) resetWebhookDrainer();
  // Once at start, from Postgres alone: whatever Redis lost while no worker ran is queued again.
  const ready = (async () => {
    void checkRedisSettings().then((s) => {
      if (!s.ok) log.warn("Redis is not set up for durable queues", { ...s });
    });
    if (!ownsMaintenance) return;
    try {
      const r = await recoverWork();
      log.info("recovery pass at start", { ...r });
    } catch (err) {
      log.error("recovery pass at start failed; the scheduled pass retries", { err: (err as Error).message });
    }
  })();

  // The schedulers live in Redis: if it loses them, each worker puts them back
  // within RECOVERY_EVERY_MS (a cheap check; the pass itself runs once for the fleet).
  const keepScheduled = ownsMaintenance
    ? setInterval(
        () => void ensureSchedulers().catch((err) => log.warn("could not check job schedulers", { err: (err as Error).message })),
        e.RECOVERY_EVERY_MS,
      )
    : undefined;
  const prune = setInterval(() => {
    void pruneOutbox().catch(() => undefined);
    void pruneIdempotencyKeys().catch(() => undefined);
    void pruneRejectedWebhooks().catch(() => undefined);
  }, 3600_000);

  return {
    workers,
    ready,
    async close() {
      clearInterval(keepScheduled);
      clearInterval(prune);
      // Worker.close waits for in-flight jobs to finish; anything it cannot
      // finish stays locked and is re-run by another worker when the lock expires.
      await Promise.all(workers.map((w) => w.close()));
      await stopWebhookDrainer();
      await closeQueues();
    },
  };
}
