import type { SyncRunView } from "@/lib/catalog/sync/types";
import { DateTime } from "@/components/ui/date-time";
import { SyncProgressBar } from "./sync-progress-bar";
import { td, th } from "@/components/ui/ui";

const TONE: Record<string, string> = {
  running: "bg-sky-50 text-sky-700 ring-sky-200",
  success: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  error: "bg-red-50 text-red-700 ring-red-200",
};

function duration(ms: number | null) {
  if (ms === null) return "—";
  return ms < 1000 ? `${ms} ms` : ms < 120_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`;
}

/** Sync runs, newest first: supplier, kind, status, progress, counts, duration and the run's message (errors included). */
export function SyncRunsTable({ runs }: { runs: SyncRunView[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="sync-runs-table">
        <thead className="bg-slate-50/80 text-left">
          <tr>
            <th className={th}>Started</th>
            <th className={th}>Supplier</th>
            <th className={th}>Kind</th>
            <th className={th}>Status</th>
            <th className={th}>Progress</th>
            <th className={`${th} text-right`}>Seen</th>
            <th className={`${th} text-right`}>Added</th>
            <th className={`${th} text-right`}>Changed</th>
            <th className={`${th} text-right`}>Deactivated</th>
            <th className={`${th} text-right`}>Failed</th>
            <th className={`${th} text-right`}>Duration</th>
            <th className={th}>Message</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr
              key={r.id}
              data-testid="sync-run"
              data-status={r.status}
              data-kind={r.kind}
              data-supplier={r.supplier.slug}
              data-sync-log-id={r.id}
              className={`border-t border-slate-100 ${r.status === "error" ? "bg-red-50/40" : ""}`}
            >
              <td className={`${td} whitespace-nowrap text-slate-600`}>
                <DateTime iso={r.startedAt} withSeconds />
              </td>
              <td className={`${td} whitespace-nowrap text-slate-800`}>{r.supplier.name}</td>
              <td className={`${td} whitespace-nowrap`}>
                <span className="font-mono text-[12px]">{r.kind}</span>
                {r.trigger === "manual" ? <span className="ml-1 text-[11px] text-slate-400">manual</span> : null}
              </td>
              <td className={td}>
                <span
                  data-testid="sync-status"
                  data-status={r.status}
                  className={`inline-flex rounded-md px-1.5 py-0.5 font-mono text-[11px] font-medium ring-1 ring-inset ${TONE[r.status] ?? "bg-slate-100 text-slate-700 ring-slate-300"}`}
                >
                  {r.status}
                </span>
                {r.attempt > 1 ? <span className="ml-1 text-[11px] text-slate-400">attempt {r.attempt}</span> : null}
              </td>
              <td className={td}>
                <SyncProgressBar run={r} />
              </td>
              <td className={`${td} text-right tabular-nums`}>{r.status === "running" ? r.processed : r.seen}</td>
              <td className={`${td} text-right tabular-nums`}>{r.added}</td>
              <td className={`${td} text-right tabular-nums`}>{r.changed}</td>
              <td className={`${td} text-right tabular-nums`}>{r.deactivated}</td>
              <td className={`${td} text-right tabular-nums ${r.failed ? "text-red-700" : ""}`}>{r.failed}</td>
              <td className={`${td} text-right tabular-nums text-slate-600`}>{duration(r.durationMs)}</td>
              <td className={`${td} max-w-md truncate text-xs ${r.status === "error" ? "text-red-700" : "text-slate-500"}`} title={r.message ?? undefined} data-testid="sync-message">
                {r.message ?? "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
