import "server-only";
import { db } from "../../db/client";
import { log } from "../../logger";
import { adapterFor } from "../../suppliers/load-supplier";
import type { SupplierAdapter } from "../../suppliers/types";
import { applyStagedSync } from "./apply-staged-sync";
import { notifyOffersChanged } from "../offers/notify-offers-changed";
import { openSyncRun, type OpenedRun, type SyncLogRow } from "./open-sync-run";
import { createProgressPublisher } from "./publish-sync-progress";
import { fetchAndStage } from "./fetch-and-stage";
import { clearStaged } from "./stage-page";
import { recordSyncFailed } from "./record-sync-failed";
import { tryLockSupplierSync, type SupplierSyncLock } from "./supplier-lock";
import type { SyncCounts, SyncKind, SyncPhase, SyncProgressEvent, SyncStatus, SyncTrigger } from "./types";

/**
 * A full pass over one supplier's inventory feed :
 * single-flight per supplier (advisory lock), every page staged with its
 * checkpoint, applied at the end in one transaction, then afterOffersChanged
 * for the products that changed. A run that dies is resumed by the next one
 * (open-sync-run.ts). Failures are recorded on the log and rethrown, so a
 * queue job retries (and resumes).
 */
export type InventorySource = Pick<SupplierAdapter, "fetchInventory">;

export type RunSupplierSyncInput = {
  supplierId: string;
  kind: SyncKind;
  trigger?: SyncTrigger;
  /** The supplier edge; tests and the benchmark pass a fake. Default: the supplier's adapter. */
  source?: InventorySource;
  progressIntervalMs?: number;
};

export type RunSupplierSyncResult =
  | { status: "already_running"; syncLogId: string | null }
  | { status: "skipped"; reason: string }
  | { status: "superseded"; syncLogId: string }
  | {
      status: "success";
      syncLogId: string;
      resumed: OpenedRun["resumed"];
      counts: SyncCounts;
      durationMs: number;
      changedProducts: number;
      /** This attempt's time in each phase (the benchmark prints them). */
      timings: { stageMs: number; applyMs: number; afterMs: number };
    };

export async function runSupplierSync(input: RunSupplierSyncInput): Promise<RunSupplierSyncResult> {
  const supplier = await db.supplier.findUnique({
    where: { id: input.supplierId },
    select: { id: true, slug: true, name: true, active: true, inventorySnapshotAt: true },
  });
  if (!supplier) return { status: "skipped", reason: "supplier not found" };
  if (!supplier.active) return { status: "skipped", reason: "supplier inactive" };
  const lock = await tryLockSupplierSync(supplier.id);
  if (!lock) {
    const running = await db.supplierSyncLog.findFirst({
      where: { supplierId: supplier.id, status: "running" },
      orderBy: { createdAt: "desc" },
      select: { id: true },
    });
    return { status: "already_running", syncLogId: running?.id ?? null };
  }
  try {
    const opened = await openSyncRun({
      supplierId: supplier.id,
      kind: input.kind,
      trigger: input.trigger ?? "schedule",
      watermark: supplier.inventorySnapshotAt,
    });
    return await execute(input, supplier, opened, lock);
  } finally {
    await lock.release();
  }
}

async function execute(
  input: RunSupplierSyncInput,
  supplier: { id: string; slug: string; name: string },
  opened: OpenedRun,
  lock: SupplierSyncLock,
): Promise<RunSupplierSyncResult> {
  const run: SyncLogRow = opened.log;
  const t0 = Date.now();
  const elapsed = () => (run.durationMs ?? 0) + (Date.now() - t0);
  const publisher = createProgressPublisher(input.progressIntervalMs);
  const s = {
    phase: (run.phase ?? "staging") as SyncPhase,
    processed: run.processed,
    total: run.total,
    pages: run.pages,
    failed: run.failed,
    message: run.message,
  };
  const counts = (): SyncCounts => ({ seen: run.seen, added: run.added, changed: run.changed, deactivated: run.deactivated, failed: s.failed });
  const event = (status: SyncStatus): SyncProgressEvent => ({
    type: "sync.progress",
    syncLogId: run.id,
    supplierId: supplier.id,
    supplierSlug: supplier.slug,
    kind: input.kind,
    status,
    phase: s.phase,
    processed: s.processed,
    total: s.total,
    ...counts(),
    message: s.message,
    durationMs: status === "running" ? null : elapsed(),
    updatedAt: new Date().toISOString(),
  });
  const setPhase = async (phase: SyncPhase) => {
    s.phase = phase;
    await db.supplierSyncLog.update({ where: { id: run.id }, data: { phase } });
    await publisher.publish(event("running"), true);
  };

  try {
    await publisher.publish(event("running"), true);
    let asOf = run.snapshotAt;
    if (!asOf) {
      // T of the never-older rule: taken before the first page is asked for.
      asOf = new Date();
      await db.supplierSyncLog.update({ where: { id: run.id }, data: { snapshotAt: asOf } });
    }
    const timings = { stageMs: 0, applyMs: 0, afterMs: 0 };
    let mark = Date.now();
    const lap = () => {
      const now = Date.now();
      const ms = now - mark;
      mark = now;
      return ms;
    };
    if (s.phase === "staging") {
      const source = input.source ?? (await adapterFor({ id: supplier.id })).adapter;
      await fetchAndStage(
        { syncLogId: run.id, session: lock.session, source, cursor: run.cursor, pages: run.pages, processed: run.processed, total: run.total },
        (p) => {
          Object.assign(s, { processed: p.processed, total: p.total, pages: p.pages });
          s.failed += p.failed;
          void publisher.publish(event("running"));
        },
      );
      await setPhase("applying");
      timings.stageMs = lap();
    }

    let changedProductIds: string[] | null = null;
    if (s.phase === "applying") {
      if (!(await feedLooksComplete(run.id, supplier.id))) {
        s.phase = "done"; // not resumable: the next run asks the supplier again
        throw new Error("The supplier returned no items; refusing to take its offers out of stock");
      }
      await lock.assertHeld();
      const r = await applyStagedSync({ syncLogId: run.id, supplierId: supplier.id, kind: input.kind, asOf, failed: s.failed, staged: s.processed });
      await clearStaged([run.id]);
      if (r.superseded) {
        s.message = "Superseded: a newer full snapshot was applied meanwhile; nothing applied";
        await db.supplierSyncLog.update({
          where: { id: run.id },
          data: { status: "error", phase: "done", message: s.message, finishedAt: new Date(), durationMs: elapsed() },
        });
        await publisher.publish(event("error"), true);
        return { status: "superseded", syncLogId: run.id };
      }
      Object.assign(run, { seen: r.seen, added: r.added, changed: r.changed, deactivated: r.deactivated });
      s.processed = s.total = r.seen;
      changedProductIds = r.productIds;
      s.phase = "finishing";
      await publisher.publish(event("running"), true);
      timings.applyMs = lap();
    }

    // (A run that died after its commit is finished by openSyncRun, so the ids are always known here.)
    await notifyOffersChanged(changedProductIds ?? []);
    timings.afterMs = lap();
    const done = await db.supplierSyncLog.update({
      where: { id: run.id },
      data: { status: "success", phase: "done", finishedAt: new Date(), durationMs: elapsed() },
      select: { message: true },
    });
    s.phase = "done";
    s.message = done.message;
    await publisher.publish(event("success"), true);
    return {
      status: "success",
      syncLogId: run.id,
      resumed: opened.resumed,
      counts: counts(),
      durationMs: elapsed(),
      changedProducts: changedProductIds?.length ?? 0,
      timings,
    };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const next = s.phase === "staging" ? ` (the next run resumes at page ${s.pages + 1})` : s.phase === "done" ? "" : " (the next run resumes it)";
    s.message = `${reason}${next}`.slice(0, 1000);
    log.warn("catalog sync failed", { syncLogId: run.id, supplier: supplier.slug, kind: input.kind, phase: s.phase, err: reason });
    const failed = { status: "error", phase: s.phase, message: s.message, finishedAt: new Date(), durationMs: elapsed() };
    await recordSyncFailed({ syncLogId: run.id, supplierName: supplier.name, kind: input.kind, data: failed }).catch((e) =>
      log.error("could not record the sync failure", { syncLogId: run.id, err: e }),
    );
    await publisher.publish(event("error"), true);
    throw err;
  } finally {
    publisher.stop();
  }
}

/** An empty feed from a supplier that has offers is an outage, not "everything sold out": zeroing them all would be the wrong stock. */
async function feedLooksComplete(syncLogId: string, supplierId: string): Promise<boolean> {
  const [r] = await db.$queryRaw<{ ok: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "CatalogSyncStage" WHERE "syncLogId" = ${syncLogId})
        OR NOT EXISTS (SELECT 1 FROM "SupplierOffer" WHERE "supplierId" = ${supplierId} AND ("stock" > 0 OR "active")) AS ok`;
  return r?.ok ?? false;
}
