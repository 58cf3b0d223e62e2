import type { SyncRunView } from "@/lib/catalog/sync/types";
import { DateTime } from "@/components/ui/date-time";
import { PagedTable, type Column, type Paging } from "@/components/ui/paged-table";
import { EmptyState } from "@/components/ui/ui";
import { SyncProgressBar } from "./sync-progress-bar";
import { statusLabel } from "@/lib/web/status-labels";

const TONE: Record<string, string> = {
  running: "bg-sky-50 text-sky-700 ring-sky-200",
  success: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  error: "bg-red-50 text-red-700 ring-red-200",
};

function duration(ms: number | null) {
  if (ms === null) return "—";
  return ms < 1000 ? `${ms} ms` : ms < 120_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`;
}

const count = (id: "added" | "changed" | "deactivated", header: string): Column<SyncRunView> => ({
  id,
  header,
  align: "right",
  className: "tabular-nums",
  cell: (r) => r[id],
});

const columns: Column<SyncRunView>[] = [
  { id: "started", header: "Started", className: "whitespace-nowrap text-slate-600", cell: (r) => <DateTime iso={r.startedAt} withSeconds /> },
  { id: "supplier", header: "Supplier", className: "whitespace-nowrap text-slate-800", cell: (r) => r.supplier.name },
  {
    id: "kind",
    header: "Kind",
    className: "whitespace-nowrap",
    cell: (r) => (
      <>
        <span className="font-mono text-[12px]">{r.kind}</span>
        {r.trigger === "manual" ? <span className="ml-1 text-[11px] text-slate-500">manual</span> : null}
      </>
    ),
  },
  {
    id: "status",
    header: "Status",
    cell: (r) => (
      <>
        <span
          data-testid="sync-status"
          data-status={r.status}
          className={`inline-flex rounded-md px-1.5 py-0.5 text-[11px] font-medium ring-1 ring-inset ${TONE[r.status] ?? "bg-slate-100 text-slate-700 ring-slate-300"}`}
        >
          {statusLabel(r.status)}
        </span>
        {r.attempt > 1 ? <span className="ml-1 text-[11px] text-slate-500">attempt {r.attempt}</span> : null}
      </>
    ),
  },
  { id: "progress", header: "Progress", cell: (r) => <SyncProgressBar run={r} /> },
  { id: "seen", header: "Seen", align: "right", className: "tabular-nums", cell: (r) => (r.status === "running" ? r.processed : r.seen) },
  count("added", "Added"),
  count("changed", "Changed"),
  count("deactivated", "Deactivated"),
  { id: "failed", header: "Failed", align: "right", className: (r) => (r.failed ? "tabular-nums text-red-700" : "tabular-nums"), cell: (r) => r.failed },
  { id: "duration", header: "Duration", align: "right", className: "tabular-nums text-slate-600", cell: (r) => duration(r.durationMs) },
  {
    id: "message",
    header: "Message",
    className: (r) => `max-w-md truncate text-xs ${r.status === "error" ? "text-red-700" : "text-slate-500"}`,
    cellTitle: (r) => r.message ?? undefined,
    testId: "sync-message",
    cell: (r) => r.message ?? "—",
  },
];

type Props = { runs: SyncRunView[]; loading: boolean; error: string | null; paging: Paging };

/** Sync runs, newest first: supplier, kind, status, progress, counts, duration and the run's message (errors included). */
export function SyncRunsTable({ runs, loading, error, paging }: Props) {
  return (
    <PagedTable
      testId="sync-runs-table"
      columns={columns}
      rows={runs}
      rowKey={(r) => r.id}
      rowAttributes={(r) => ({
        "data-testid": "sync-run",
        "data-status": r.status,
        "data-kind": r.kind,
        "data-supplier": r.supplier.slug,
        "data-sync-log-id": r.id,
        className: r.status === "error" ? "bg-red-50/40" : undefined,
      })}
      loading={loading}
      error={error}
      paging={paging}
      empty={<EmptyState title="No sync has run yet" />}
    />
  );
}
