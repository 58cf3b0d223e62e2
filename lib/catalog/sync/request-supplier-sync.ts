import "server-only";
import { db } from "../../db/client";
import { AppError } from "../../errors";
import { dispatchOutbox, enqueueInTx } from "../../queue/outbox";
import { requestSyncSchema } from "./schemas";
import type { SyncKind } from "./types";

/**
 * "Sync now": queue one run for a supplier (by id or slug) through the
 * outbox, so the request survives a Redis blip. The worker's single-flight
 * lock makes a click during a running sync harmless (it reports "already
 * running" in the job result rather than running twice).
 */
export async function requestSupplierSync(idOrSlug: string, body: unknown): Promise<{ jobId: string; supplierId: string; kind: SyncKind }> {
  const { kind } = requestSyncSchema.parse(body);
  const supplier = await db.supplier.findFirst({ where: { OR: [{ id: idOrSlug }, { slug: idOrSlug }] }, select: { id: true, active: true } });
  if (!supplier) throw new AppError("not_found", "No such supplier");
  if (!supplier.active) throw new AppError("conflict", "The supplier is inactive; activate it before syncing");
  const ref = await db.$transaction((tx) => enqueueInTx(tx, "catalogSync", { supplierId: supplier.id, kind, trigger: "manual" }));
  await dispatchOutbox([ref]);
  return { jobId: ref.id, supplierId: supplier.id, kind };
}
