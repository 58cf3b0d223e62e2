/** A webhook's outcome as ops read it; the API's word stays in data-outcome. */
const LABEL: Record<string, [string, string]> = {
  applied: ["Applied", "bg-emerald-50 text-emerald-800 ring-emerald-200"],
  duplicate: ["Duplicate", "bg-slate-100 text-slate-700 ring-slate-200"],
  ignored: ["Ignored as older", "bg-slate-100 text-slate-700 ring-slate-200"],
  pending: ["Pending", "bg-sky-50 text-sky-800 ring-sky-200"],
  unknown_order: ["Flagged: unknown order", "bg-amber-50 text-amber-900 ring-amber-200"],
  mismatch: ["Flagged: ids do not match", "bg-amber-50 text-amber-900 ring-amber-200"],
  unknown_event: ["Flagged: unknown event type", "bg-amber-50 text-amber-900 ring-amber-200"],
  failed: ["Failed", "bg-red-50 text-red-800 ring-red-200"],
  rejected: ["Rejected", "bg-red-50 text-red-800 ring-red-200"],
};

export function OutcomeBadge({ outcome }: { outcome: string }) {
  const [label, tone] = LABEL[outcome] ?? [outcome, "bg-slate-100 text-slate-700 ring-slate-200"];
  return (
    <span data-outcome={outcome} className={`inline-flex whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}>
      {label}
    </span>
  );
}

export function latency(ms: number | null) {
  if (ms === null) return "—";
  return ms < 1000 ? `${ms} ms` : ms < 120_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`;
}
