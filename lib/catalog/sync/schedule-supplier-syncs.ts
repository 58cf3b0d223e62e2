import "server-only";
import { db } from "../../db/client";
import { log } from "../../logger";
import { withTimeout } from "../../timeout";
import { getQueue } from "../../queue/connection";
import { jobs } from "../../queue/jobs";
import { SYNC_KINDS, type SyncKind } from "./types";

/**
 * BullMQ job schedulers, one per active supplier and kind (stock every
 * Supplier.syncStockMinutes, catalog every syncCatalogMinutes; 0 turns one
 * off). Reconciles the queue with the table: adds, re-times and removes
 * schedulers, so it is safe to call any time; the worker calls it at start
 * and the supplier admin after a change. Schedulers live in Redis, shared by
 * every worker, so each interval fires once for the fleet, not per process.
 */
const PREFIX = "catalog-sync:";

export const syncSchedulerId = (supplierId: string, kind: SyncKind) => `${PREFIX}${supplierId}:${kind}`;

export async function scheduleSupplierSyncs(): Promise<{ scheduled: number; removed: number; unchanged: number }> {
  const def = jobs.catalogSync;
  const queue = getQueue(def.queue);
  const suppliers = await db.supplier.findMany({ select: { id: true, active: true, syncStockMinutes: true, syncCatalogMinutes: true } });
  const wanted = new Map<string, { supplierId: string; kind: SyncKind; every: number }>();
  for (const s of suppliers) {
    if (!s.active) continue;
    for (const kind of SYNC_KINDS) {
      const minutes = kind === "stock" ? s.syncStockMinutes : s.syncCatalogMinutes;
      if (minutes > 0) wanted.set(syncSchedulerId(s.id, kind), { supplierId: s.id, kind, every: minutes * 60_000 });
    }
  }

  const existing = (await queue.getJobSchedulers(0, -1)).filter((j) => j.key.startsWith(PREFIX));
  let removed = 0;
  let unchanged = 0;
  for (const j of existing) {
    if (!wanted.has(j.key)) {
      await queue.removeJobScheduler(j.key);
      removed++;
    }
  }
  let scheduled = 0;
  for (const [id, w] of wanted) {
    // Upserting an unchanged scheduler would push its next run back; leave it be.
    if (existing.some((j) => j.key === id && j.every === w.every)) {
      unchanged++;
      continue;
    }
    await queue.upsertJobScheduler(
      id,
      // First run one interval from now: a worker (re)start must not set off every supplier's sync at once.
      { every: w.every, startDate: Date.now() + w.every },
      {
        name: def.name,
        data: def.payload.parse({ supplierId: w.supplierId, kind: w.kind, trigger: "schedule" }),
        // A failed run is retried (and resumed from its checkpoint) a few times before the next interval takes over.
        opts: { attempts: 3, backoff: { type: "supplier" }, removeOnComplete: { count: 500 }, removeOnFail: { count: 500 } },
      },
    );
    scheduled++;
  }
  if (scheduled || removed) log.info("catalog sync schedules reconciled", { scheduled, removed, unchanged });
  return { scheduled, removed, unchanged };
}

/**
 * Reconcile now and then every `everyMs` (a missed call from the admin is
 * healed within minutes). Returns a stop function for graceful shutdown.
 */
export function keepSupplierSyncsScheduled(everyMs = 5 * 60_000): () => void {
  const run = () => void scheduleSupplierSyncs().catch((err) => log.error("could not schedule catalog syncs", { err }));
  run();
  const timer = setInterval(run, everyMs);
  timer.unref?.();
  return () => clearInterval(timer);
}

/**
 * Reconcile now after a supplier admin change, best effort: the change is
 * saved already, and a Redis outage must neither fail the save nor hang it
 * (the queue's connection waits for Redis indefinitely). A missed reconcile
 * is healed by the worker's keepSupplierSyncsScheduled within minutes.
 */
export async function rescheduleSupplierSyncs(timeoutMs = 3000): Promise<void> {
  try {
    await withTimeout(scheduleSupplierSyncs(), timeoutMs);
  } catch (err) {
    log.warn("could not reschedule catalog syncs now; the worker reconciles within minutes", { err });
  }
}
