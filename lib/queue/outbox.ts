import "server-only";
import type { Prisma } from "../db/generated/client";
import { db, type Tx } from "../db/client";
import { currentRequestId, log } from "../logger";
import { withTimeout } from "../timeout";
import { coalesce } from "../coalesce";
import { randomUUID } from "node:crypto";
import { defaultJobOptions, getQueue } from "./connection";
import { jobs, type JobKey, type JobPayload } from "./jobs";
import type { QueueName } from "./names";

/**
 * Transactional outbox, and the record of every job that must run.
 *
 * `enqueueInTx` writes the job in the same transaction as the change that
 * needs it. The row stays `open` until the work is done (`done`) or given up
 * (`dead`, with its domain row marked failed): Redis only schedules it. The
 * outbox id is the BullMQ job id, so dispatching a row twice adds the job once,
 * and the recovery pass (lib/ops/recover-work.ts) can put back whatever Redis lost
 * without ever running it beside a surviving copy. `claimedUntil` is the lease
 * of the worker running it (or the end of its backoff): until then it is in
 * flight and nobody touches it.
 */
export type OutboxRef = { id: string; queue: string; name: string; payload: unknown };

export async function enqueueInTx<K extends JobKey>(tx: Tx, key: K, payload: JobPayload<K>, opts: { delayMs?: number } = {}): Promise<OutboxRef> {
  const [ref] = await enqueueManyInTx(tx, [{ key, payload, delayMs: opts.delayMs }]);
  return ref!;
}

/**
 * The rows for these jobs (not yet written). The row's payload is the job's data (checked by its
 * schema) plus, beside it, the request it was enqueued for (the log context's request id), so the
 * job runs in that request's log context (run-job.ts), wherever and however often it runs.
 */
export function outboxRows(items: { key: JobKey; payload: unknown; delayMs?: number }[]) {
  const requestId = currentRequestId();
  return items.map(({ key, payload, delayMs }) => {
    const def = jobs[key];
    const data = def.payload.parse(payload);
    return {
      id: randomUUID(),
      queue: def.queue,
      name: def.name,
      subject: (def.subject as (p: unknown) => string)(data),
      payload: { data, ...(delayMs ? { delayMs } : {}), ...(requestId ? { requestId } : {}) },
      claimedUntil: delayMs ? new Date(Date.now() + delayMs) : null,
    };
  });
}

/** Several jobs in one INSERT (an order's forwarding and its emails). */
export async function enqueueManyInTx(tx: Tx, items: { key: JobKey; payload: unknown; delayMs?: number }[]): Promise<OutboxRef[]> {
  if (items.length === 0) return [];
  const rows = outboxRows(items);
  await tx.outboxMessage.createMany({ data: rows.map((r) => ({ ...r, payload: r.payload as Prisma.InputJsonValue })) });
  return rows.map(({ id, queue, name, payload }) => ({ id, queue, name, payload }));
}

/**
 * Hand these outbox rows to BullMQ now, one Redis round trip per queue (and
 * concurrent callers share it). Best effort and bounded in time: a request
 * never waits long on Redis, and a row not handed over here is found by the
 * recovery pass from Postgres. Returns how many of these rows were handed over.
 */
export async function dispatchOutbox(refs: OutboxRef[]): Promise<number> {
  if (refs.length === 0) return 0;
  return dispatchCoalesced(refs);
}

const dispatchCoalesced = coalesce<OutboxRef[], number>(
  async (groups) => {
    const done = await dispatchNow(groups.flat(), 1000);
    return groups.map((g) => ({ ok: true, value: g.filter((r) => done.has(r.id)).length }));
  },
  { maxBatch: 200, maxInFlight: 2 },
);

/** Jobs grouped by queue, for one addBulk each (linear: appending by spreading copied each group per job). */
export function groupByQueue(refs: readonly OutboxRef[]): Map<string, OutboxRef[]> {
  const byQueue = new Map<string, OutboxRef[]>();
  for (const r of refs) {
    const rows = byQueue.get(r.queue);
    if (rows) rows.push(r);
    else byQueue.set(r.queue, [r]);
  }
  return byQueue;
}

async function dispatchNow(refs: OutboxRef[], ms: number): Promise<Set<string>> {
  const byQueue = groupByQueue(refs);
  const done = new Set<string>();
  await Promise.all(
    [...byQueue].map(async ([queue, rows]) => {
      try {
        const add = getQueue(queue as QueueName).addBulk(
          rows.map((row) => {
            const p = row.payload as { data: unknown; delayMs?: number };
            return { name: row.name, data: p.data, opts: { ...defaultJobOptions(queue as QueueName), jobId: row.id, delay: p.delayMs } };
          }),
        );
        await withTimeout(add, ms, `Redis did not answer within ${ms} ms`);
        for (const r of rows) done.add(r.id);
      } catch (err) {
        log.warn("outbox dispatch failed; the recovery pass will queue it", { queue, jobs: rows.length, err });
      }
    }),
  );
  // No write-back here (it would cost every order a round trip): the worker's claim stamps dispatchedAt.
  return done;
}

export type OutboxClaim =
  { kind: "claimed"; attempts: number; lastError: string | null; requestId: string | null } | { kind: "finished"; status: string } | { kind: "none" };

/**
 * A worker starts this job: count the attempt and take the lease. A row that
 * is done or dead is not run again (a job re-delivered by BullMQ or put back
 * by the recovery pass after it finished); no row means a job that is not from
 * the outbox (a scheduler's, or a poll).
 */
export function claimOutbox(id: string, leaseMs: number): Promise<OutboxClaim> {
  return claimBatched({ id, leaseMs });
}

// Under load many jobs start at once: their claims go to Postgres as one statement.
const claimBatched = coalesce<{ id: string; leaseMs: number }, OutboxClaim>(
  async (items) => {
    const ids = [...new Set(items.map((i) => i.id))];
    const leaseMs = Math.max(...items.map((i) => i.leaseMs));
    const rows = await db.$queryRaw<
      { id: string; status: string | null; attempts: number | null; lastError: string | null; requestId: string | null; claimed: boolean }[]
    >`
      WITH c AS (
        UPDATE "OutboxMessage" SET "attempts" = "attempts" + 1, "claimedUntil" = now() + ${leaseMs} * interval '1 millisecond',
          "dispatchedAt" = COALESCE("dispatchedAt", now())
        WHERE "id" = ANY(${ids}::text[]) AND "status" = 'open'
        RETURNING "id", "attempts", "lastError"
      )
      SELECT i.id, m."status"::text AS "status", c."attempts", c."lastError", m."payload"->>'requestId' AS "requestId", (c."id" IS NOT NULL) AS "claimed"
      FROM unnest(${ids}::text[]) AS i(id)
      LEFT JOIN c ON c."id" = i.id
      LEFT JOIN "OutboxMessage" m ON m."id" = i.id`;
    const byId = new Map(rows.map((r) => [r.id, r]));
    return items.map(({ id }) => {
      const r = byId.get(id);
      const claim: OutboxClaim = !r?.status
        ? { kind: "none" }
        : r.claimed
          ? { kind: "claimed", attempts: r.attempts!, lastError: r.lastError, requestId: r.requestId }
          : { kind: "finished", status: r.status };
      return { ok: true, value: claim };
    });
  },
  { maxBatch: 200, maxInFlight: 2 },
);

/** Keep the lease while a long job runs. */
export async function extendOutboxClaim(id: string, leaseMs: number) {
  await db.$executeRaw`UPDATE "OutboxMessage" SET "claimedUntil" = now() + ${leaseMs} * interval '1 millisecond' WHERE "id" = ${id} AND "status" = 'open'`;
}

/** The work is done: the row is finished and never run again. */
export async function completeOutbox(id: string) {
  await completeBatched(id);
}

const completeBatched = coalesce<string, void>(
  async (ids) => {
    await db.$executeRaw`
      UPDATE "OutboxMessage" SET "status" = 'done', "completedAt" = now(), "claimedUntil" = NULL
      WHERE "id" = ANY(${[...new Set(ids)]}::text[]) AND "status" = 'open'`;
    return ids.map(() => ({ ok: true, value: undefined }));
  },
  { maxBatch: 200, maxInFlight: 2 },
);

/**
 * Run again at `at`: the lease turns into a not-before, so the recovery pass
 * leaves the row alone while BullMQ holds its delayed job. `refund` gives the
 * attempt back (a wait that is not a failure, such as an open circuit).
 */
export async function deferOutbox(id: string, at: Date, opts: { error?: string | null; refund?: boolean } = {}) {
  await db.outboxMessage.updateMany({
    where: { id, status: "open" },
    data: {
      claimedUntil: at,
      ...(opts.refund ? { attempts: { decrement: 1 } } : {}),
      ...(opts.error !== undefined ? { lastError: opts.error?.slice(0, 1000) ?? null } : {}),
    },
  });
}

/** Given up: the domain row has been marked failed already (with the reason, for ops). */
export async function killOutbox(id: string, reason: string) {
  await db.outboxMessage.updateMany({
    where: { id, status: "open" },
    data: { status: "dead", completedAt: new Date(), claimedUntil: null, lastError: reason.slice(0, 1000) },
  });
}

/** Remove finished rows after a day (dead and discarded ones after 30: their domain rows keep the story). */
export async function pruneOutbox(olderThanMs = 24 * 3600 * 1000) {
  const r = await db.outboxMessage.deleteMany({
    where: {
      OR: [
        { status: "done", completedAt: { lt: new Date(Date.now() - olderThanMs) } },
        { status: { in: ["dead", "discarded"] }, completedAt: { lt: new Date(Date.now() - 30 * olderThanMs) } },
      ],
    },
  });
  return r.count;
}
