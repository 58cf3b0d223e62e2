import "server-only";
import type { Prisma } from "../db/generated/client";
import { db, type Tx } from "../db/client";
import { log } from "../logger";
import { getQueue } from "./connection";
import { jobs, type JobKey, type JobPayload } from "./jobs";
import type { QueueName } from "./names";

/**
 * Transactional outbox. `enqueueInTx` writes the job in the same transaction
 * as the change that needs it, so a crash after commit loses nothing: the
 * caller dispatches right after commit, and the sweeper dispatches whatever a
 * crash left behind. The outbox id is the BullMQ job id, so dispatching the
 * same row twice adds the job once.
 */
export async function enqueueInTx<K extends JobKey>(tx: Tx, key: K, payload: JobPayload<K>, opts: { delayMs?: number } = {}) {
  const def = jobs[key];
  const data = def.payload.parse(payload);
  const row = await tx.outboxMessage.create({
    data: {
      queue: def.queue,
      name: def.name,
      payload: { data, ...(opts.delayMs ? { delayMs: opts.delayMs } : {}) } as Prisma.InputJsonValue,
    },
    select: { id: true },
  });
  return row.id;
}

type OutboxRow = { id: string; queue: string; name: string; payload: unknown };

async function addToQueue(row: OutboxRow) {
  const p = row.payload as { data: unknown; delayMs?: number };
  await getQueue(row.queue as QueueName).add(row.name, p.data, { jobId: row.id, delay: p.delayMs });
}

/** Dispatch the given outbox rows now (best effort: the sweeper covers failures). */
export async function dispatchOutbox(ids: string[]) {
  if (ids.length === 0) return;
  const rows = await db.outboxMessage.findMany({ where: { id: { in: ids }, dispatchedAt: null } });
  await dispatchRows(rows);
}

async function dispatchRows(rows: OutboxRow[]) {
  const done: string[] = [];
  for (const row of rows) {
    try {
      await addToQueue(row);
      done.push(row.id);
    } catch (err) {
      log.warn("outbox dispatch failed; the sweeper will retry", { id: row.id, err });
    }
  }
  if (done.length) await db.outboxMessage.updateMany({ where: { id: { in: done } }, data: { dispatchedAt: new Date() } });
  return done.length;
}

/** Dispatch rows committed but not queued for longer than `olderThanMs`. */
export async function sweepOutbox(olderThanMs = 2000, batch = 500) {
  const rows = await db.outboxMessage.findMany({
    where: { dispatchedAt: null, createdAt: { lt: new Date(Date.now() - olderThanMs) } },
    orderBy: { createdAt: "asc" },
    take: batch,
  });
  return dispatchRows(rows);
}

/** Remove dispatched rows after a day (the queue keeps its own history). */
export async function pruneOutbox(olderThanMs = 24 * 3600 * 1000) {
  const r = await db.outboxMessage.deleteMany({
    where: { dispatchedAt: { lt: new Date(Date.now() - olderThanMs) } },
  });
  return r.count;
}
