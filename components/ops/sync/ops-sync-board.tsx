"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { qs } from "@/lib/web/api-client";
import type { SyncLogsPage, SyncProgressEvent, SyncRunView } from "@/lib/catalog/sync/types";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { SyncNowButtons } from "./sync-now-buttons";
import { SyncRunsTable } from "./sync-runs-table";
import { Card, PageHeader } from "@/components/ui/ui";
import { useDebouncedCallback } from "@/components/hooks/use-debounced-callback";
import { usePagedList } from "@/components/hooks/use-paged-list";
import { useSyncEvents } from "./use-sync-events";

/** A run as the list fetched it, with the newest live event for it laid over. */
function withLive(r: SyncRunView, e: SyncProgressEvent | undefined): SyncRunView {
  if (!e) return r;
  return {
    ...r,
    status: e.status,
    phase: e.phase,
    processed: e.processed,
    total: e.total,
    seen: e.seen,
    added: e.added,
    changed: e.changed,
    deactivated: e.deactivated,
    failed: e.failed,
    message: e.message ?? r.message,
    durationMs: e.durationMs ?? r.durationMs,
  };
}

/**
 * Supplier sync runs, live: sync.progress events move the running row's
 * progress bar in place; a run the list does not show yet, or one that
 * finished, refetches the list (for its final counts and times).
 */
export function OpsSyncBoard() {
  const url = useCallback((cursor: string | null, limit: number) => `/api/ops/sync-logs${qs({ cursor, limit })}`, []);
  const list = usePagedList<SyncRunView, SyncLogsPage>(url);
  const refresh = useDebouncedCallback(list.refresh, 200);
  const [live, setLive] = useState<Record<string, SyncProgressEvent>>({});
  const shown = useRef(new Set<string>());
  useEffect(() => {
    shown.current = new Set(list.rows.map((r) => r.id));
  }, [list.rows]);

  const connected = useSyncEvents(
    (e) => {
      setLive((m) => ({ ...m, [e.syncLogId]: e }));
      if (!shown.current.has(e.syncLogId) || e.status !== "running") refresh();
    },
    { onReconnect: refresh },
  );
  const runs = list.rows.map((r) => withLive(r, live[r.id]));

  return (
    <>
      <PageHeader
        title="Supplier sync"
        subtitle="Stock and catalog syncs per supplier, scheduled or run now."
        actions={<LiveIndicator connected={connected} />}
      />
      <div className="space-y-4">
        <SyncNowButtons suppliers={list.head?.suppliers ?? []} onQueued={refresh} />
        <Card title="Runs">
          <SyncRunsTable runs={runs} loading={list.loading} error={list.error} paging={list.paging} />
        </Card>
      </div>
    </>
  );
}
