import { progressPercent } from "@/lib/catalog/sync/types";

/** How far a sync run got: live while it runs, full when it succeeded, where it stopped when it failed. */
export function SyncProgressBar({ run }: { run: { status: string; phase: string | null; processed: number; total: number } }) {
  const pct = progressPercent(run);
  const tone = run.status === "error" ? "bg-red-500" : run.status === "success" ? "bg-emerald-500" : "bg-sky-500";
  const label = run.status === "running" && run.phase && run.phase !== "staging" ? `${run.phase}…` : `${pct} %`;
  return (
    <div className="flex min-w-36 items-center gap-2">
      <div
        role="progressbar"
        aria-label="Sync progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        data-testid="sync-progress"
        className="h-1.5 w-24 overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full ${tone} ${run.status === "running" ? "transition-[width] duration-300" : ""}`} style={{ width: `${pct}%` }} />
      </div>
      <span className="text-[11px] tabular-nums text-slate-500">{label}</span>
    </div>
  );
}
