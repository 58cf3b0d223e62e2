import "server-only";
import type { Prisma } from "../db/generated/client";
import { db, type Tx } from "../db/client";
import { log } from "../logger";
import { randomUUID } from "node:crypto";
import { defaultJobOptions, getQueue } from "./connection";
import { jobs, type JobKey, type JobPayload } from "./jobs";
import type { QueueName } from "./names";

/**
 * Transactional outbox. `enqueueInTx` writes the job in the same transaction
 * as the change that needs it, so a crash after commit loses nothing: the
 * caller dispatches right after commit, and the sweeper dispatches whatever a
 * crash left behind. The outbox id is the BullMQ job id, so dispatching the
 * same row twice adds the job once.
 */
export type OutboxRef = { id: string; queue: string; name: string; payload: unknown };

export async function enqueueInTx<K extends JobKey>(tx: Tx, key: K, payload: JobPayload<K>, opts: { delayMs?: number } = {}): Promise<OutboxRef> {
  const [ref] = await enqueueManyInTx(tx, [{ key, payload, delayMs: opts.delayMs }]);
  return ref!;
}

/** Several jobs in one INSERT (an order's forwarding and its emails). */
export async function enqueueManyInTx(tx: Tx, items: { key: JobKey; payload: unknown; delayMs?: number }[]): Promise<OutboxRef[]> {
  if (items.length === 0) return [];
  const refs = items.map(({ key, payload, delayMs }) => {
    const def = jobs[key];
    const data = def.payload.parse(payload);
    return { id: randomUUID(), queue: def.queue, name: def.name, payload: { data, ...(delayMs ? { delayMs } : {}) } };
  });
  await tx.outboxMessage.createMany({ data: refs.map((r) => ({ ...r, payload: r.payload as Prisma.InputJsonValue })) });
  return refs;
}

/** Dispatch these outbox rows now, one Redis round trip per queue (best effort: the sweeper covers failures). */
export async function dispatchOutbox(refs: OutboxRef[]) {
  if (refs.length === 0) return 0;
  const byQueue = new Map<string, OutboxRef[]>();
  for (const r of refs) byQueue.set(r.queue, [...(byQueue.get(r.queue) ?? []), r]);
  const done: string[] = [];
  await Promise.all(
    [...byQueue].map(async ([queue, rows]) => {
      try {
        await getQueue(queue as QueueName).addBulk(
          rows.map((row) => {
            const p = row.payload as { data: unknown; delayMs?: number };
            return { name: row.name, data: p.data, opts: { ...defaultJobOptions(queue as QueueName), jobId: row.id, delay: p.delayMs } };
          }),
        );
        done.push(...rows.map((r) => r.id));
      } catch (err) {
        log.warn("outbox dispatch failed; the sweeper will retry", { queue, err });
      }
    }),
  );
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
  return dispatchOutbox(rows);
}

/** Remove dispatched rows after a day (the queue keeps its own history). */
export async function pruneOutbox(olderThanMs = 24 * 3600 * 1000) {
  const r = await db.outboxMessage.deleteMany({
    where: { dispatchedAt: { lt: new Date(Date.now() - olderThanMs) } },
  });
  return r.count;
}
