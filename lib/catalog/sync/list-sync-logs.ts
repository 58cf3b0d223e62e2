import "server-only";
import { db } from "../../db/client";
import { listSyncLogsQuerySchema, type ListSyncLogsQuery } from "./schemas";
import type { SyncLogsPage, SyncRunView, SyncStatus } from "./types";

/** Sync runs newest first (catalog syncs and other writers of SupplierSyncLog), and the suppliers to sync. */
export async function listSyncLogs(query: Partial<ListSyncLogsQuery> | Record<string, unknown>): Promise<SyncLogsPage> {
  const q = listSyncLogsQuerySchema.parse(query);
  const [rows, suppliers] = await Promise.all([
    db.supplierSyncLog.findMany({
      where: q.supplierId ? { supplierId: q.supplierId } : undefined,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: q.limit + 1,
      ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
      select: {
        id: true,
        type: true,
        trigger: true,
        status: true,
        phase: true,
        seen: true,
        added: true,
        changed: true,
        deactivated: true,
        failed: true,
        processed: true,
        total: true,
        pages: true,
        attempt: true,
        message: true,
        startedAt: true,
        finishedAt: true,
        durationMs: true,
        supplier: { select: { id: true, slug: true, name: true } },
      },
    }),
    db.supplier.findMany({
      orderBy: { name: "asc" },
      select: { id: true, slug: true, name: true, active: true, syncStockMinutes: true, syncCatalogMinutes: true },
    }),
  ]);
  const page = rows.slice(0, q.limit);
  const data: SyncRunView[] = page.map(({ type, status, startedAt, finishedAt, ...r }) => ({
    ...r,
    kind: type,
    status: status as SyncStatus,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt?.toISOString() ?? null,
  }));
  return { data, nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null, suppliers };
}
