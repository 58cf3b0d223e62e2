import "server-only";
import { db } from "../../db/client";
import { log } from "../../logger";
import { notifyAllSupplierProducts } from "../offers/notify-offers-changed";
import { countStaged } from "./stage-page";
import type { SyncKind, SyncTrigger } from "./types";

/**
 * Which SupplierSyncLog row a run works on, decided while holding the
 * supplier's lock (so any row still "running" lost its runner):
 *  - a run of the same kind that died or failed while staging or applying,
 *    within RESUME_WINDOW_MS, continues from its checkpoint if its staged
 *    rows are all there, else is redone from the first page on the same row;
 *  - a run that committed but died before afterOffersChanged is finished by
 *    recomputing every product of the supplier;
 *  - anything else left over is closed as interrupted and its staging dropped;
 *  - otherwise a new row.
 * A resumable run older than the supplier's last full snapshot is not
 * resumed: its data would lose to the newer snapshot anyway.
 */
export const RESUME_WINDOW_MS = 30 * 60_000;

export const syncLogSelect = {
  id: true,
  supplierId: true,
  type: true,
  status: true,
  phase: true,
  cursor: true,
  pages: true,
  staged: true,
  processed: true,
  total: true,
  snapshotAt: true,
  attempt: true,
  seen: true,
  added: true,
  changed: true,
  deactivated: true,
  failed: true,
  message: true,
  startedAt: true,
  durationMs: true,
  trigger: true,
} as const;

type Row = Awaited<ReturnType<typeof findOpen>>[number];
export type SyncLogRow = Row;
export type OpenedRun = { log: SyncLogRow; resumed: "new" | "checkpoint" | "redo" };

const findOpen = (supplierId: string) =>
  db.supplierSyncLog.findMany({
    where: { supplierId, phase: { in: ["staging", "applying", "finishing"] }, status: { in: ["running", "error"] } },
    orderBy: { createdAt: "desc" },
    select: syncLogSelect,
  });

export async function openSyncRun(input: { supplierId: string; kind: SyncKind; trigger: SyncTrigger; watermark: Date | null }): Promise<OpenedRun> {
  const open = await findOpen(input.supplierId);
  const now = Date.now();
  const resumable = open.find(
    (r) =>
      r.type === input.kind &&
      r.phase !== "finishing" &&
      now - r.startedAt.getTime() < RESUME_WINDOW_MS &&
      !(input.watermark && r.snapshotAt && r.snapshotAt < input.watermark),
  );
  for (const r of open) {
    if (r === resumable) continue;
    if (r.phase === "finishing") {
      await notifyAllSupplierProducts(input.supplierId);
      await db.supplierSyncLog.update({
        where: { id: r.id },
        data: {
          status: "success",
          phase: "done",
          finishedAt: new Date(),
          message: `${r.message ?? "applied"}; product stock recomputed after an interruption`,
        },
      });
    } else {
      await db.supplierSyncLog.update({
        where: { id: r.id },
        data: {
          status: "error",
          phase: "done",
          finishedAt: r.status === "running" ? new Date() : undefined,
          message: r.status === "running" ? "Interrupted: the worker stopped during the run" : r.message,
        },
      });
    }
  }
  // Staging of every other run of this supplier (closed above, or left by a success whose cleanup died).
  // Joined from the (usually empty) staging side, so a long sync history costs nothing here.
  await db.$executeRaw`DELETE FROM "CatalogSyncStage" s USING "SupplierSyncLog" l
    WHERE s."syncLogId" = l."id" AND l."supplierId" = ${input.supplierId} AND l."id" <> ${resumable?.id ?? ""}`;

  if (resumable) {
    const intact = resumable.phase === "staging" || resumable.phase === "applying" ? (await countStaged(resumable.id)) === resumable.staged : false;
    const retry = resumable.status === "error" ? `after: ${resumable.message ?? "error"}` : "after the worker stopped";
    const data = intact
      ? { message: `Resumed at page ${resumable.pages + 1} ${retry}`.slice(0, 1000) }
      : {
          // Staging lost (database restart empties the UNLOGGED table) or never consistent: start over on this row.
          phase: "staging",
          cursor: null,
          pages: 0,
          staged: 0,
          processed: 0,
          snapshotAt: null,
          seen: 0,
          added: 0,
          changed: 0,
          deactivated: 0,
          failed: 0,
          message: `Redone from the first page ${retry}`.slice(0, 1000),
        };
    if (!intact) await db.$executeRaw`DELETE FROM "CatalogSyncStage" WHERE "syncLogId" = ${resumable.id}`;
    const updated = await db.supplierSyncLog.update({
      where: { id: resumable.id },
      data: { ...data, status: "running", finishedAt: null, attempt: { increment: 1 }, trigger: input.trigger },
      select: syncLogSelect,
    });
    log.info("catalog sync resumed", { syncLogId: updated.id, intact, pages: updated.pages });
    return { log: updated, resumed: intact ? "checkpoint" : "redo" };
  }

  const total = await estimateTotal(input.supplierId);
  const created = await db.supplierSyncLog.create({
    data: { supplierId: input.supplierId, type: input.kind, status: "running", phase: "staging", trigger: input.trigger, total },
    select: syncLogSelect,
  });
  return { log: created, resumed: "new" };
}

/**
 * Suppliers do not say how many items a feed has: expect what we last saw, or
 * (a first run) the offers we hold. Counting 100,000 offers costs ~150 ms, so
 * only when there is no earlier run to go by.
 */
async function estimateTotal(supplierId: string): Promise<number> {
  const last = await db.supplierSyncLog.findFirst({
    where: { supplierId, status: "success", type: { in: ["stock", "catalog"] } },
    orderBy: { createdAt: "desc" },
    select: { seen: true },
  });
  return last ? last.seen : db.supplierOffer.count({ where: { supplierId } });
}
