import "server-only";
import { db, Prisma, TX_OPTIONS } from "../db/client";
import { env } from "../env";
import { log } from "../logger";
import { redis } from "../redis";
import { scheduleSupplierSyncs } from "../catalog/sync/schedule-supplier-syncs";
import { defaultJobOptions, getQueue } from "../queue/connection";
import { jobs } from "../queue/jobs";
import type { QueueName } from "../queue/names";
import { dispatchOutbox, groupByQueue, outboxRows, type OutboxRef } from "../queue/outbox";

/**
 * The recovery pass: Postgres is the record of what must happen, Redis only
 * schedules it. Runs fleet-wide on a job scheduler (every RECOVERY_EVERY_MS)
 * and once at every worker start, and heals a flushed Redis, a failover to an
 * empty replica, a restart without persistence, or jobs evicted under memory
 * pressure:
 *
 * 1. Every open outbox row past its lease (or never claimed) whose job Redis
 *    does not hold, or holds only as finished, is queued again under its own
 *    id: a surviving copy makes the add a no-op, so it never runs twice side by
 *    side, and its attempts and backoff come from the row.
 * 2. Domain rows that need work and have no open job at all (a supplier order
 *    pending, an email not sent, a webhook event not processed, a cancel asked
 *    and not sent) get one: the safety net under the outbox itself.
 * 3. The job schedulers (this pass, the reconciler, the catalog syncs) are put
 *    back if Redis lost them.
 *
 * Bound: work that was never started is queued again within RECOVERY_EVERY_MS +
 * RECOVERY_GRACE_MS of its loss; work in flight when its worker died, within
 * JOB_LEASE_MS + RECOVERY_EVERY_MS.
 */
export type RecoveryReport = { redisLost: boolean; requeued: number; orphans: Record<string, number>; schedulers: number };

const EPOCH_KEY = "portal:redis-epoch";
const BATCH = 2000;
/** Advisory lock key of the domain scans: one pass at a time across the fleet. */
const SCAN_LOCK = 7_351_007;

export const RECOVERY_SCHEDULER = "recover-work";
export const RECONCILE_SCHEDULER = "reconcile-orders";
export const WEBHOOK_DELIVERY_SCHEDULER = "deliver-webhooks";
export const OFFER_EXPIRY_SCHEDULER = "expire-offers";
export const SCORE_REFRESH_SCHEDULER = "refresh-supplier-scores";
export const EXCEPTION_SCAN_SCHEDULER = "scan-exceptions";

export async function recoverWork(now = new Date()): Promise<RecoveryReport> {
  const redisLost = await detectRedisLoss();
  const requeued = await requeueOpenJobs(now);
  const orphans = await queueOrphanedWork(now);
  const schedulers = await ensureSchedulers();
  const found = requeued + Object.values(orphans).reduce((a, b) => a + b, 0);
  if (found || redisLost) log.warn("recovery pass queued work Redis did not have", { redisLost, requeued, orphans, schedulers });
  return { redisLost, requeued, orphans, schedulers };
}

/** A marker key with no expiry: when it is gone, Redis lost its data (restart without persistence, flush, failover). */
async function detectRedisLoss(): Promise<boolean> {
  const set = await redis.set(EPOCH_KEY, new Date().toISOString(), "NX");
  return set === "OK";
}

/** Step 1: open rows whose job Redis lost (or finished without the row knowing). */
async function requeueOpenJobs(now: Date): Promise<number> {
  const rows = await db.outboxMessage.findMany({
    where: {
      status: "open",
      createdAt: { lt: new Date(now.getTime() - env().RECOVERY_GRACE_MS) },
      OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }],
    },
    orderBy: { createdAt: "asc" },
    take: BATCH,
    select: { id: true, queue: true, name: true, payload: true },
  });
  if (rows.length === 0) return 0;
  const states = await Promise.all(rows.map((r) => getQueue(r.queue as QueueName).getJobState(r.id)));
  const lost: OutboxRef[] = [];
  for (const [i, row] of rows.entries()) {
    const state = states[i];
    if (state === "unknown") {
      // In no list. A partial loss (eviction, a flush racing a write, a lagging replica)
      // can leave the job's hash behind, which would make the add a silent no-op.
      await getQueue(row.queue as QueueName)
        .remove(row.id)
        .catch(() => 0);
      lost.push(row);
    } else if (state === "completed" || state === "failed") {
      // BullMQ finished it but the row is open (its worker died between the two, or it failed
      // in BullMQ's own retries while Postgres was away): run it again; the row decides.
      const removed = await getQueue(row.queue as QueueName)
        .remove(row.id)
        .catch(() => 0);
      if (removed) lost.push(row);
    }
  }
  if (lost.length === 0) return 0;
  // Delays are not carried over: a row past its not-before is due now.
  const due = lost.map((r) => ({ ...r, payload: { data: (r.payload as { data: unknown }).data } }));
  await addNow(due);
  return lost.length;
}

async function addNow(refs: OutboxRef[]) {
  for (const [queue, rows] of groupByQueue(refs)) {
    await getQueue(queue as QueueName).addBulk(
      rows.map((r) => ({ name: r.name, data: (r.payload as { data: unknown }).data, opts: { ...defaultJobOptions(queue as QueueName), jobId: r.id } })),
    );
  }
  await db.outboxMessage.updateMany({ where: { id: { in: refs.map((r) => r.id) } }, data: { dispatchedAt: new Date() } });
}

type Orphan = { key: "forwardSupplierOrder" | "sendEmail" | "processWebhook" | "cancelOrder"; payload: Record<string, string> };

/** Step 2: domain rows that need work and have no open (or given-up, or discarded by ops) job. */
async function queueOrphanedWork(now: Date): Promise<Record<string, number>> {
  const before = new Date(now.getTime() - env().RECOVERY_GRACE_MS);
  const result = await db.$transaction(async (tx) => {
    const [lock] = await tx.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SCAN_LOCK}) AS ok`;
    if (!lock?.ok) return null; // another worker is scanning right now
    const noJob = (subject: Prisma.Sql) =>
      Prisma.sql`NOT EXISTS (SELECT 1 FROM "OutboxMessage" o WHERE o."subject" = ${subject} AND o."status" IN ('open', 'dead', 'discarded'))`;
    const forwards = await tx.$queryRaw<{ id: string }[]>`
      SELECT so."id" FROM "SupplierOrder" so
      WHERE so."status" = 'pending' AND so."createdAt" < ${before} AND so."cancelRequestedAt" IS NULL
        AND ${noJob(Prisma.sql`'forward:' || so."id"`)}
      LIMIT ${BATCH}`;
    const emails = await tx.$queryRaw<{ id: string }[]>`
      SELECT n."id" FROM "Notification" n
      WHERE (n."status" = 'pending' OR (n."status" = 'sending' AND n."claimedUntil" < now())) AND n."createdAt" < ${before}
        AND ${noJob(Prisma.sql`'email:' || n."id"`)}
      LIMIT ${BATCH}`;
    const webhooks = await tx.$queryRaw<{ id: string }[]>`
      SELECT w."id" FROM "WebhookEvent" w
      WHERE w."outcome" = 'pending' AND w."processedAt" IS NULL AND w."verified" AND w."receivedAt" < ${before}
        AND ${noJob(Prisma.sql`'webhook:' || w."id"`)}
      LIMIT ${BATCH}`;
    const cancels = await tx.$queryRaw<{ orderId: string }[]>`
      SELECT DISTINCT so."orderId" FROM "SupplierOrder" so
      WHERE so."cancelRequestedAt" IS NOT NULL AND so."cancelRequestedAt" < ${before} AND so."cancelSentAt" IS NULL
        AND so."status" IN ('pending', 'submitted', 'accepted', 'processing', 'failed')
        AND ${noJob(Prisma.sql`'cancel:' || so."orderId"`)}
      LIMIT ${BATCH}`;
    const orphans: Orphan[] = [
      ...forwards.map((r) => ({ key: "forwardSupplierOrder" as const, payload: { supplierOrderId: r.id } })),
      ...emails.map((r) => ({ key: "sendEmail" as const, payload: { notificationId: r.id } })),
      ...webhooks.map((r) => ({ key: "processWebhook" as const, payload: { webhookEventId: r.id } })),
      ...cancels.map((r) => ({ key: "cancelOrder" as const, payload: { orderId: r.orderId, requestedBy: "recovery" } })),
    ];
    if (orphans.length === 0) return { refs: [] as OutboxRef[], counts: {} };
    const rows = outboxRows(orphans);
    await tx.outboxMessage.createMany({ data: rows.map((r) => ({ ...r, payload: r.payload as Prisma.InputJsonValue })) });
    const counts = { forward: forwards.length, email: emails.length, webhook: webhooks.length, cancel: cancels.length };
    return { refs: rows.map(({ id, queue, name, payload }) => ({ id, queue, name, payload })), counts };
  }, TX_OPTIONS);
  if (!result) return {};
  if (result.refs.length) await dispatchOutbox(result.refs);
  return Object.fromEntries(Object.entries(result.counts).filter(([, n]) => (n as number) > 0)) as Record<string, number>;
}

/** Step 3: the job schedulers, put back when Redis lost them. Returns how many were missing. */
export async function ensureSchedulers(): Promise<number> {
  const e = env();
  const maintenance = getQueue(jobs.recoverWork.queue);
  let missing = 0;
  const wanted = [
    { id: RECOVERY_SCHEDULER, every: e.RECOVERY_EVERY_MS, name: jobs.recoverWork.name },
    { id: RECONCILE_SCHEDULER, every: e.RECONCILE_EVERY_MS, name: jobs.reconcileOrders.name },
    { id: WEBHOOK_DELIVERY_SCHEDULER, every: e.WEBHOOK_DELIVERY_EVERY_MS, name: jobs.deliverWebhooks.name },
    { id: OFFER_EXPIRY_SCHEDULER, every: e.OFFER_EXPIRY_EVERY_MS, name: jobs.expireOffers.name },
    { id: SCORE_REFRESH_SCHEDULER, every: e.SCORE_REFRESH_EVERY_MS, name: jobs.refreshSupplierScores.name },
    { id: EXCEPTION_SCAN_SCHEDULER, every: e.EXCEPTION_SCAN_EVERY_MS, name: jobs.scanExceptions.name },
  ];
  for (const w of wanted) {
    const existing = await maintenance.getJobScheduler(w.id);
    if (existing && Number(existing.every) === w.every) continue;
    missing++;
    await maintenance.upsertJobScheduler(w.id, { every: w.every }, { name: w.name, data: {}, opts: { attempts: 1, removeOnComplete: 100, removeOnFail: 100 } });
  }
  const syncs = await scheduleSupplierSyncs();
  return missing + syncs.scheduled;
}
