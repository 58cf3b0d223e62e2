/**
 * The catalog sync's vocabulary. Client-safe (no server imports): the ops
 * screen and the live-event type use it too.
 */
export const SYNC_KINDS = ["stock", "catalog"] as const;
/** "stock": stock and cost of offers we have; "catalog": also new offers/products, and deactivates what the supplier dropped. */
export type SyncKind = (typeof SYNC_KINDS)[number];
export type SyncTrigger = "schedule" | "manual";
export type SyncStatus = "running" | "success" | "error";
/** staging: paging through the supplier; applying: the one transaction; finishing: afterOffersChanged. */
export type SyncPhase = "staging" | "applying" | "finishing" | "done";

export type SyncCounts = { seen: number; added: number; changed: number; deactivated: number; failed: number };

/** Live event on the Redis stream, for staff only (app/api/events filters it). */
export type SyncProgressEvent = SyncCounts & {
  type: "sync.progress";
  syncLogId: string;
  supplierId: string;
  supplierSlug: string;
  kind: SyncKind;
  status: SyncStatus;
  phase: SyncPhase;
  processed: number;
  total: number;
  message: string | null;
  durationMs: number | null;
  updatedAt: string;
};

/** One row of GET /api/ops/sync-logs. */
export type SyncRunView = SyncCounts & {
  id: string;
  supplier: { id: string; slug: string; name: string };
  kind: string;
  trigger: string | null;
  status: SyncStatus;
  phase: string | null;
  processed: number;
  total: number;
  pages: number;
  attempt: number;
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
};

export type SyncSupplierView = {
  id: string;
  slug: string;
  name: string;
  active: boolean;
  syncStockMinutes: number;
  syncCatalogMinutes: number;
};

export type SyncLogsPage = { data: SyncRunView[]; nextCursor: string | null; suppliers: SyncSupplierView[] };

/** Progress in percent for a bar: a finished run is 100; a running one never shows 100 before it is done. */
export function progressPercent(r: { status: string; processed: number; total: number; phase?: string | null }): number {
  if (r.status === "success") return 100;
  if (r.phase === "applying" || r.phase === "finishing") return 99;
  if (r.total <= 0) return 0;
  return Math.max(0, Math.min(98, Math.floor((r.processed / r.total) * 100)));
}
