import "server-only";
import { z } from "zod";
import type { Job } from "bullmq";
import { db } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { decodeCursor, encodeCursor } from "../../wire/cursor";
import { getQueue, maxAttempts } from "../../queue/connection";
import { jobByName } from "../../queue/jobs";
import { QUEUES, type QueueName } from "../../queue/names";
import { describeSubjects, type SubjectView } from "./job-subjects";

export const QUEUE_NAMES = Object.values(QUEUES) as [QueueName, ...QueueName[]];
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

export const listFailedWorkQuerySchema = z.object({
  queue: z.preprocess(blank, z.enum(QUEUE_NAMES).optional()),
  state: z.preprocess(blank, z.enum(["failed", "stalled", "dead"]).optional()),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** An open row this long past its creation with no worker on it (no lease, or its lease ran out) is stalled. */
export const STALLED_AFTER_MS = 60_000;
/** BullMQ's failed set is read up to this many per queue (failed jobs are kept 7 days). */
export const BULL_SCAN = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type OutboxRow = {
  id: string;
  queue: string;
  name: string;
  subject: string | null;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  completedAt: Date | null;
  claimedUntil: Date | null;
};
const OUTBOX_SELECT = Prisma.sql`"id", "queue", "name", "subject", "status", "attempts", "lastError", "createdAt", "completedAt", "claimedUntil"`;

/** The failed (BullMQ), stalled and dead (Postgres) work, one item per job id. */
export function mergeItem(row: OutboxRow | undefined, job: Job | undefined, queue: string) {
  const now = Date.now();
  const stalled = row?.status === "open" && row.createdAt.getTime() < now - STALLED_AFTER_MS && (!row.claimedUntil || row.claimedUntil.getTime() < now);
  // Jobs come from BullMQ's failed set only.
  const bullFailed = Boolean(job);
  const state = bullFailed ? "failed" : row?.status === "dead" ? "dead" : stalled ? "stalled" : (row?.status ?? "failed");
  const name = row?.name ?? job?.name ?? "";
  const parsed = job ? jobByName(queue, name)?.payload.safeParse(job.data) : undefined;
  const def = jobByName(queue, name);
  const subject = row?.subject ?? (parsed?.success && def ? (def.subject as (p: unknown) => string)(parsed.data) : null);
  // Postgres is the truth: its times where it has the row.
  const finished = Number.isFinite(job?.finishedOn) ? job!.finishedOn! : null;
  const at = row?.completedAt ?? (row && state === "stalled" ? (row.claimedUntil ?? row.createdAt) : null) ?? new Date(finished ?? row?.createdAt ?? now);
  return {
    id: row?.id ?? job!.id!,
    queue,
    name,
    subject,
    state: state as "failed" | "dead" | "stalled" | string,
    /** open | dead | discarded | done, or null for a job with no outbox row (a scheduler's tick, a poll). */
    outboxStatus: row?.status ?? null,
    /** BullMQ's state when it holds the job as failed, else null. */
    bullState: bullFailed ? ("failed" as const) : null,
    attempts: row?.attempts ?? job?.attemptsMade ?? 0,
    maxAttempts: row ? maxAttempts(queue) : (job?.opts.attempts ?? 1),
    lastError: row?.lastError ?? job?.failedReason ?? null,
    failedAt: at.toISOString(),
    createdAt: (row?.createdAt ?? new Date(job?.timestamp ?? now)).toISOString(),
  };
}
export type FailedWorkItem = ReturnType<typeof mergeItem> & { about: SubjectView | null };

export async function outboxRowsByIds(ids: string[]): Promise<OutboxRow[]> {
  const uuids = ids.filter((i) => UUID.test(i));
  if (uuids.length === 0) return [];
  return db.$queryRaw<OutboxRow[]>`SELECT ${OUTBOX_SELECT} FROM "OutboxMessage" WHERE "id" = ANY(${uuids}::text[])`;
}

/** BullMQ's failed jobs of these queues, newest first (bounded per queue). */
export async function failedJobs(queues: QueueName[]): Promise<{ queue: QueueName; job: Job }[]> {
  const lists = await Promise.all(queues.map(async (q) => (await getQueue(q).getFailed(0, BULL_SCAN - 1)).map((job) => ({ queue: q, job: job as Job }))));
  // A job removed between BullMQ's list and its read comes back empty (no name, no timestamp): skipped.
  return lists.flat().filter((x) => x.job?.id && x.job.name && Number.isFinite(x.job.timestamp));
}

/** Per queue: BullMQ's failed count, and Postgres' dead and stalled rows. */
export async function failedWorkCounts() {
  const [bull, pg] = await Promise.all([
    Promise.all(QUEUE_NAMES.map(async (q) => [q, (await getQueue(q).getJobCounts("failed")).failed ?? 0] as const)),
    db.$queryRaw<{ queue: string; dead: bigint; stalled: bigint }[]>`
      SELECT "queue",
             COUNT(*) FILTER (WHERE "status" = 'dead') AS dead,
             COUNT(*) FILTER (WHERE "status" = 'open' AND "createdAt" < now() AT TIME ZONE 'UTC' - ${STALLED_AFTER_MS} * interval '1 millisecond'
                                AND ("claimedUntil" IS NULL OR "claimedUntil" < now() AT TIME ZONE 'UTC')) AS stalled
        FROM "OutboxMessage" WHERE "status" IN ('dead', 'open') GROUP BY 1`,
  ]);
  const byQueue = new Map(pg.map((r) => [r.queue, r]));
  return bull.map(([queue, failed]) => ({ queue, failed, dead: Number(byQueue.get(queue)?.dead ?? 0), stalled: Number(byQueue.get(queue)?.stalled ?? 0) }));
}

/**
 * GET /api/ops/jobs: every queue's failed jobs (BullMQ's failed set) and the outbox rows that
 * were given up (dead) or are stuck (stalled), merged by job id (an outbox job's id is its row's
 * id), newest first. Counts per queue come with the first page.
 */
export async function listFailedWork(q: z.infer<typeof listFailedWorkQuerySchema>) {
  const queues = q.queue ? [q.queue] : QUEUE_NAMES;
  const cursor = decodeCursor(q.cursor);
  const take = q.limit + 1;
  const before = (col: Prisma.Sql) => (cursor ? Prisma.sql`AND (${col}, "id") < (${cursor.at}, ${cursor.id})` : Prisma.empty);
  const [dead, stalled, bull] = await Promise.all([
    !q.state || q.state === "dead"
      ? db.$queryRaw<OutboxRow[]>`
          SELECT ${OUTBOX_SELECT} FROM "OutboxMessage"
           WHERE "status" = 'dead' AND "queue" = ANY(${queues}::text[]) ${before(Prisma.sql`"completedAt"`)}
           ORDER BY "completedAt" DESC, "id" DESC LIMIT ${take}`
      : [],
    !q.state || q.state === "stalled"
      ? db.$queryRaw<OutboxRow[]>`
          SELECT ${OUTBOX_SELECT} FROM "OutboxMessage"
           WHERE "status" = 'open' AND "queue" = ANY(${queues}::text[])
             AND "createdAt" < now() AT TIME ZONE 'UTC' - ${STALLED_AFTER_MS} * interval '1 millisecond'
             AND ("claimedUntil" IS NULL OR "claimedUntil" < now() AT TIME ZONE 'UTC') ${before(Prisma.sql`COALESCE("claimedUntil", "createdAt")`)}
           ORDER BY COALESCE("claimedUntil", "createdAt") DESC, "id" DESC LIMIT ${take}`
      : [],
    !q.state || q.state === "failed" ? failedJobs(queues) : [],
  ]);
  const rows = new Map<string, OutboxRow>([...dead, ...stalled].map((r) => [r.id, r]));
  for (const r of await outboxRowsByIds(bull.map((b) => b.job.id!).filter((id) => !rows.has(id)))) rows.set(r.id, r);
  const jobs = new Map(bull.map((b) => [b.job.id!, b]));
  const ids = new Set([...(q.state === "failed" ? [] : [...dead, ...stalled].map((r) => r.id)), ...jobs.keys()]);
  let items = [...ids].map((id) => {
    const row = rows.get(id);
    const b = jobs.get(id);
    return mergeItem(row, b?.job, b?.queue ?? row!.queue);
  });
  if (q.state)
    items = items.filter((i) => (q.state === "failed" ? i.bullState === "failed" : q.state === "dead" ? i.outboxStatus === "dead" : i.state === "stalled"));
  if (cursor) items = items.filter((i) => i.failedAt < cursor.at.toISOString() || (i.failedAt === cursor.at.toISOString() && i.id < cursor.id));
  items.sort((a, b) => (a.failedAt === b.failedAt ? (a.id < b.id ? 1 : -1) : a.failedAt < b.failedAt ? 1 : -1));
  const page = items.slice(0, q.limit);
  const about = await describeSubjects(page.map((i) => i.subject));
  const last = page[page.length - 1];
  return {
    data: page.map((i) => ({ ...i, about: i.subject ? (about.get(i.subject) ?? null) : null })),
    nextCursor: items.length > q.limit && last ? encodeCursor(new Date(last.failedAt), last.id) : null,
    counts: cursor ? undefined : await failedWorkCounts(),
  };
}
