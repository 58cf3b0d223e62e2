import "server-only";
import { DelayedError, UnrecoverableError, type Job } from "bullmq";
import { env } from "../env";
import { enterLogContext, log } from "../logger";
import { backoffDelay } from "./backoff";
import { maxAttempts } from "./connection";
import { claimOutbox, completeOutbox, deferOutbox, extendOutboxClaim, killOutbox } from "./outbox";
import { jobByName } from "./jobs";

/**
 * Runs every job through its outbox row: the attempt is counted and the lease
 * taken in Postgres before the handler starts, renewed while it runs, and the
 * row finished in the same breath as the outcome. Backoff is ours too (the
 * row's not-before, mirrored by BullMQ's delayed job), so a job that Redis
 * loses and the recovery pass puts back resumes with its count and its wait.
 */
export type JobContext = { attempt: number; maxAttempts: number; lastError: string | null; final: boolean };

export type JobOutcome =
  /**
   * The work is done (or there was nothing left to do). `completed`: the handler's own last
   * statement finished this job's outbox row already (by its subject), so it is not finished again.
   */
  | { kind: "done"; result?: unknown; completed?: boolean }
  /** A transient failure: try again after a backoff (at least `retryAfterMs`). */
  | { kind: "retry"; error: Error; retryAfterMs?: number }
  /** Wait without spending an attempt (an open circuit, an email another worker is sending). */
  | { kind: "defer"; delayMs: number; reason: string }
  /** Given up; the handler has marked its domain row failed with the reason. */
  | { kind: "dead"; reason: string };

export type JobHandler = {
  run(data: unknown, ctx: JobContext): Promise<JobOutcome>;
  /**
   * The attempts are used up (the last one failed, or died with its worker):
   * leave a visible state in Postgres (the supplier order, email or webhook
   * event marked failed with the reason, for ops). Never throws for "not found".
   */
  exhausted(data: unknown, ctx: JobContext, reason: string): Promise<void | { deferMs: number }>;
};

const OUTBOX_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const message = (err: unknown) => ((err as Error)?.message ?? String(err)).slice(0, 1000);

/**
 * Work given up fails in BullMQ too (no retry there): its failed set and the failed-jobs gauge
 * then count exactly the work that needs ops (/ops/jobs), and an ops retry or discard removes it.
 */
function givenUp(reason: string): never {
  throw new UnrecoverableError(reason);
}

export async function runJob(job: Job, token: string | undefined, handler: JobHandler): Promise<unknown> {
  const e = env();
  const lease = e.JOB_LEASE_MS;
  const fromOutbox = Boolean(job.id && OUTBOX_ID.test(job.id));
  // A payload this job cannot run (written by hand or by a bug) never gets better: given up at once.
  const bad = jobByName(job.queueName, job.name)?.payload.safeParse(job.data);
  if (bad && !bad.success) {
    const reason = `invalid payload: ${bad.error.issues.map((i) => `${i.path.join(".") || "data"}: ${i.message}`).join("; ")}`.slice(0, 1000);
    if (fromOutbox) await killOutbox(job.id!, reason);
    givenUp(reason);
  }
  // Outbox jobs carry their row's uuid as job id; schedulers' ("repeat:…") and polls' ("poll-…") do not.
  const claim = fromOutbox ? await claimOutbox(job.id!, lease) : ({ kind: "none" } as const);
  if (claim.kind === "finished") return { skipped: `outbox row is ${claim.status}` };
  // The request that enqueued this job: its lines, and the jobs it enqueues, carry that request's id.
  if (claim.kind === "claimed" && claim.requestId) enterLogContext({ requestId: claim.requestId });

  if (claim.kind === "none") {
    // Not from the outbox (a scheduler's job, a poll): BullMQ's own attempts and backoff.
    const max = job.opts.attempts ?? 1;
    const ctx = { attempt: job.attemptsMade + 1, maxAttempts: max, lastError: job.failedReason ?? null, final: job.attemptsMade + 1 >= max };
    const outcome = await handler.run(job.data, ctx);
    if (outcome.kind === "retry") throw outcome.error;
    if (outcome.kind === "defer") {
      await job.moveToDelayed(Date.now() + outcome.delayMs, token);
      throw new DelayedError();
    }
    return outcome.kind === "done" ? outcome.result : givenUp(outcome.reason);
  }

  const max = maxAttempts(job.queueName);
  const ctx: JobContext = { attempt: claim.attempts, maxAttempts: max, lastError: claim.lastError, final: claim.attempts >= max };
  if (claim.attempts > max) {
    // The last attempt died with its worker (or Redis lost it after a failure): settle now.
    const reason = `gave up after ${max} attempts${claim.lastError ? `: ${claim.lastError}` : " (the worker running the last one stopped)"}`;
    return settle(job, token, handler, ctx, reason);
  }

  const heartbeat = setInterval(
    () => {
      void extendOutboxClaim(job.id!, lease).catch((err) => log.warn("could not renew a job lease", { id: job.id, err }));
    },
    Math.max(250, Math.floor(lease / 3)),
  );
  let outcome: JobOutcome;
  try {
    outcome = await handler.run(job.data, ctx);
  } catch (err) {
    outcome = { kind: "retry", error: err instanceof Error ? err : new Error(String(err)) };
  } finally {
    clearInterval(heartbeat);
  }

  switch (outcome.kind) {
    case "done":
      if (!outcome.completed) await completeOutbox(job.id!);
      return outcome.result;
    case "dead":
      await killOutbox(job.id!, outcome.reason);
      return givenUp(outcome.reason);
    case "defer": {
      const at = new Date(Date.now() + outcome.delayMs);
      await deferOutbox(job.id!, at, { refund: true });
      await job.moveToDelayed(at.getTime(), token);
      throw new DelayedError();
    }
    case "retry": {
      const reason = message(outcome.error);
      if (ctx.final) return settle(job, token, handler, ctx, `gave up after ${max} attempts: ${reason}`);
      const delay = Math.max(outcome.retryAfterMs ?? 0, backoffDelay(claim.attempts, outcome.error, e.FORWARD_BACKOFF_MS));
      const at = new Date(Date.now() + delay);
      await deferOutbox(job.id!, at);
      log.warn("job failed; retrying", { queue: job.queueName, job: job.name, id: job.id, attempt: claim.attempts, of: max, inMs: delay, err: reason });
      await job.moveToDelayed(at.getTime(), token);
      throw new DelayedError();
    }
  }
}

/**
 * The attempts are used up: the handler settles the domain row (or asks to
 * look again later without spending an attempt, e.g. a read-back that must
 * wait for the supplier's circuit), then the row is given up.
 */
async function settle(job: Job, token: string | undefined, handler: JobHandler, ctx: JobContext, reason: string): Promise<unknown> {
  const r = await handler.exhausted(job.data, ctx, reason);
  if (r && "deferMs" in r) {
    const at = new Date(Date.now() + r.deferMs);
    // Not refunded: the next run is past the last attempt again, so it only settles.
    await deferOutbox(job.id!, at);
    await job.moveToDelayed(at.getTime(), token);
    throw new DelayedError();
  }
  await killOutbox(job.id!, reason);
  return givenUp(reason);
}
