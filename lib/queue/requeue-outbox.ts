import "server-only";
import type { Tx } from "../db/client";
import { log } from "../logger";
import { defaultJobOptions, getQueue } from "./connection";
import { groupByQueue, type OutboxRef } from "./outbox";
import type { QueueName } from "./names";

/**
 * Ops' retry of work that was given up (or is stuck), under its own outbox id: the row is opened
 * again with a fresh count of attempts, and its job goes back to BullMQ with the same job id once
 * the finished (failed) job of that id is removed, so BullMQ's failed set shrinks by it and the
 * work runs once. A row in flight (its lease or backoff still running) is left alone.
 */
export async function reopenOutboxInTx(tx: Tx, ids: string[]): Promise<OutboxRef[]> {
  if (ids.length === 0) return [];
  return tx.$queryRaw<OutboxRef[]>`
    UPDATE "OutboxMessage" SET "status" = 'open', "attempts" = 0, "claimedUntil" = NULL, "completedAt" = NULL
     WHERE "id" = ANY(${ids}::text[])
       AND ("status" IN ('dead', 'discarded') OR ("status" = 'open' AND ("claimedUntil" IS NULL OR "claimedUntil" < now())))
    RETURNING "id", "queue", "name", "payload"`;
}

/** The latest given-up row of each subject, opened again (an order's retry reuses its forward's row). */
export async function reopenDeadSubjectsInTx(tx: Tx, subjects: string[]): Promise<OutboxRef[]> {
  if (subjects.length === 0) return [];
  const latest = await tx.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT ON ("subject") "id" FROM "OutboxMessage"
     WHERE "subject" = ANY(${subjects}::text[]) AND "status" = 'dead'
     ORDER BY "subject", "completedAt" DESC NULLS LAST, "createdAt" DESC`;
  return reopenOutboxInTx(
    tx,
    latest.map((r) => r.id),
  );
}

/**
 * After the commit: each row's old BullMQ job (failed, or completed) removed, and the job added
 * again under the same id, due now. A job BullMQ still runs (locked) cannot be removed; its add is
 * then a no-op and the running copy finishes the row. Returns the ids handed to BullMQ.
 */
export async function requeueOutbox(refs: OutboxRef[]): Promise<string[]> {
  const done: string[] = [];
  for (const [queue, rows] of groupByQueue(refs)) {
    const q = getQueue(queue as QueueName);
    try {
      await Promise.all(rows.map((r) => q.remove(r.id)));
      await q.addBulk(
        rows.map((r) => ({
          name: r.name,
          data: (r.payload as { data: unknown }).data,
          opts: { ...defaultJobOptions(queue as QueueName), jobId: r.id },
        })),
      );
      done.push(...rows.map((r) => r.id));
    } catch (err) {
      // The rows are open in Postgres: the recovery pass queues them when Redis answers again.
      log.warn("could not hand retried jobs to the queue; the recovery pass will", { queue, jobs: rows.length, err });
    }
  }
  return done;
}
