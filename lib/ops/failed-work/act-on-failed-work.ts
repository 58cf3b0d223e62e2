import "server-only";
import { z } from "zod";
import type { Job } from "bullmq";
import { db, TX_OPTIONS } from "../../db/client";
import type { Principal } from "../../auth/principal";
import { auditActor, recordAudit } from "../../audit/record-audit";
import { log } from "../../logger";
import { getQueue } from "../../queue/connection";
import type { QueueName } from "../../queue/names";
import { dispatchOutbox, type OutboxRef } from "../../queue/outbox";
import { reopenOutboxInTx, requeueOutbox } from "../../queue/requeue-outbox";
import { reopenSubjectInTx } from "./job-subjects";
import { QUEUE_NAMES, failedJobs, outboxRowsByIds, type OutboxRow } from "./list-failed-work";

const ids = z.array(z.string().trim().min(1).max(200)).min(1).max(500);
export const retryJobsBodySchema = z
  .object({ ids: ids.optional(), queue: z.enum(QUEUE_NAMES).optional() })
  .strict()
  .refine((b) => Boolean(b.ids) !== Boolean(b.queue), { message: "Give either ids or a queue", path: ["ids"] });
export const discardJobsBodySchema = z.object({ ids }).strict();

type Outcome = { id: string; queue: string; name: string };
export type FailedWorkResult = { done: Outcome[]; skipped: { id: string; reason: string }[]; notFound: string[] };

const inFlight = (r: OutboxRow) => r.status === "open" && r.claimedUntil !== null && r.claimedUntil.getTime() > Date.now();

/** A job with no outbox row (a scheduler's tick, a poll), wherever BullMQ holds it. */
async function findJob(id: string): Promise<{ queue: QueueName; job: Job } | null> {
  const found = await Promise.all(QUEUE_NAMES.map(async (queue) => ({ queue, job: (await getQueue(queue).getJob(id)) as Job | undefined })));
  const hit = found.find((f) => f.job);
  return hit ? { queue: hit.queue, job: hit.job! } : null;
}

/** Every failed (BullMQ) and dead (Postgres) job of a queue, up to 500. */
export async function failedIdsOfQueue(queue: QueueName): Promise<string[]> {
  const [bull, dead] = await Promise.all([
    failedJobs([queue]),
    db.outboxMessage.findMany({ where: { queue, status: "dead" }, orderBy: { completedAt: "desc" }, take: 500, select: { id: true } }),
  ]);
  return [...new Set([...dead.map((d) => d.id), ...bull.map((b) => b.job.id!)])].slice(0, 500);
}

/**
 * Ops retry failed work (POST /api/ops/jobs/retry). An outbox job is opened again under its own
 * id with a fresh count, its domain row with it (a failed supplier order pending again, a failed
 * email pending, a failed webhook event pending), and its job handed back to BullMQ under the same
 * id once the failed one is removed: the failed set shrinks, the work runs once, and the audit log
 * has a "job.retried" per job, in the same transaction. A job without a row (a scheduler's tick)
 * is retried in BullMQ itself.
 */
export async function retryFailedWork(principal: Principal, body: z.infer<typeof retryJobsBodySchema>): Promise<FailedWorkResult> {
  const wanted = [...new Set(body.ids ?? (await failedIdsOfQueue(body.queue!)))];
  const rows = new Map((await outboxRowsByIds(wanted)).map((r) => [r.id, r]));
  const out: FailedWorkResult = { done: [], skipped: [], notFound: [] };
  const reopenable: OutboxRow[] = [];
  for (const id of wanted) {
    const r = rows.get(id);
    if (!r) continue;
    if (r.status === "done") {
      // Finished after all: only its failed copy in BullMQ is left, which would keep the gauge up.
      await getQueue(r.queue as QueueName)
        .remove(id)
        .catch(() => 0);
      out.skipped.push({ id, reason: "already done" });
    } else if (inFlight(r)) out.skipped.push({ id, reason: "running or waiting for its next attempt" });
    else reopenable.push(r);
  }

  const { refs, extra } = await db.$transaction(async (tx) => {
    const refs = await reopenOutboxInTx(
      tx,
      reopenable.map((r) => r.id),
    );
    const extra: OutboxRef[] = [];
    for (const ref of refs) {
      const r = rows.get(ref.id)!;
      extra.push(...(await reopenSubjectInTx(tx, principal, r.subject)));
      await recordAudit(tx, {
        actor: auditActor(principal),
        action: "job.retried",
        entityType: "job",
        entityId: r.id,
        before: { queue: r.queue, name: r.name, subject: r.subject, status: r.status, attempts: r.attempts, lastError: r.lastError },
        after: { status: "open", attempts: 0 },
      });
    }
    return { refs, extra };
  }, TX_OPTIONS);
  const reopened = new Set(refs.map((r) => r.id));
  for (const r of reopenable) {
    if (reopened.has(r.id)) out.done.push({ id: r.id, queue: r.queue, name: r.name });
    else out.skipped.push({ id: r.id, reason: "taken up meanwhile" });
  }
  await requeueOutbox(refs);
  await dispatchOutbox(extra);

  for (const id of wanted.filter((i) => !rows.has(i))) {
    const hit = await findJob(id);
    if (!hit || (await hit.job.getState()) !== "failed") {
      out.notFound.push(id);
      continue;
    }
    await hit.job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
    await recordAudit(db, {
      actor: auditActor(principal),
      action: "job.retried",
      entityType: "job",
      entityId: id,
      before: { queue: hit.queue, name: hit.job.name, state: "failed", attempts: hit.job.attemptsMade, lastError: hit.job.failedReason ?? null },
      after: { state: "waiting" },
    });
    out.done.push({ id, queue: hit.queue, name: hit.job.name });
  }
  log.info("ops retried failed work", { by: principal.email, retried: out.done.length, skipped: out.skipped.length, notFound: out.notFound.length });
  return out;
}

/**
 * Ops discard failed work (POST /api/ops/jobs/discard): the outbox row becomes "discarded"
 * (never run again, not put back by the recovery pass) and the BullMQ job is removed; the domain
 * row stays as it is (a failed supplier order stays failed, visible to ops). "job.discarded" in
 * the audit log for each, in the same transaction.
 */
export async function discardFailedWork(principal: Principal, body: z.infer<typeof discardJobsBodySchema>): Promise<FailedWorkResult> {
  const wanted = [...new Set(body.ids)];
  const rows = new Map((await outboxRowsByIds(wanted)).map((r) => [r.id, r]));
  const out: FailedWorkResult = { done: [], skipped: [], notFound: [] };
  const candidates = [...rows.values()].filter((r) => {
    if (r.status === "done" || r.status === "discarded") out.skipped.push({ id: r.id, reason: `already ${r.status}` });
    else if (inFlight(r)) out.skipped.push({ id: r.id, reason: "running or waiting for its next attempt" });
    else return true;
    return false;
  });
  const discarded = await db.$transaction(async (tx) => {
    const done = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "OutboxMessage" SET "status" = 'discarded', "completedAt" = now() AT TIME ZONE 'UTC', "claimedUntil" = NULL
       WHERE "id" = ANY(${candidates.map((c) => c.id)}::text[])
         AND ("status" = 'dead' OR ("status" = 'open' AND ("claimedUntil" IS NULL OR "claimedUntil" < now() AT TIME ZONE 'UTC')))
      RETURNING "id"`;
    for (const { id } of done) {
      const r = rows.get(id)!;
      await recordAudit(tx, {
        actor: auditActor(principal),
        action: "job.discarded",
        entityType: "job",
        entityId: id,
        before: { queue: r.queue, name: r.name, subject: r.subject, status: r.status, attempts: r.attempts, lastError: r.lastError },
        after: { status: "discarded" },
      });
    }
    return new Set(done.map((d) => d.id));
  }, TX_OPTIONS);
  for (const r of candidates) {
    if (!discarded.has(r.id)) {
      out.skipped.push({ id: r.id, reason: "taken up meanwhile" });
      continue;
    }
    await getQueue(r.queue as QueueName)
      .remove(r.id)
      .catch((err) => log.warn("could not remove a discarded job from the queue", { id: r.id, err }));
    out.done.push({ id: r.id, queue: r.queue, name: r.name });
  }

  for (const id of wanted.filter((i) => !rows.has(i))) {
    const hit = await findJob(id);
    if (!hit) {
      out.notFound.push(id);
      continue;
    }
    const state = await hit.job.getState();
    if (state !== "failed") {
      out.skipped.push({ id, reason: `not failed (${state})` });
      continue;
    }
    await hit.job.remove();
    await recordAudit(db, {
      actor: auditActor(principal),
      action: "job.discarded",
      entityType: "job",
      entityId: id,
      before: { queue: hit.queue, name: hit.job.name, state, attempts: hit.job.attemptsMade, lastError: hit.job.failedReason ?? null },
      after: { state: "removed" },
    });
    out.done.push({ id, queue: hit.queue, name: hit.job.name });
  }
  log.info("ops discarded failed work", { by: principal.email, discarded: out.done.length });
  return out;
}
