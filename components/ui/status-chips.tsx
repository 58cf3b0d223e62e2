"use client";
import { ORDER_STATUSES } from "@/lib/orders/status-model";
import type { OrderStatus } from "@/lib/web/types";
import { statusLabel } from "@/lib/web/status-labels";

type Props = { counts: Partial<Record<OrderStatus, number>>; value: string; onChange: (status: string) => void };

/** Counts per status that double as the board's filter; "All" clears it. */
export function StatusChips({ counts, value, onChange }: Props) {
  const total = ORDER_STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0);
  const chip = (key: string, label: string, n: number, attention = false) => {
    const active = value === key;
    return (
      <button
        key={key || "all"}
        type="button"
        aria-pressed={active}
        data-testid={`status-chip-${key || "all"}`}
        onClick={() => onChange(active ? "" : key)}
        className={`inline-flex items-center gap-1.5 rounded-full border px-2.5 py-1 text-xs font-medium ${
          active ? "border-slate-900 bg-slate-900 text-white" : "border-slate-200 bg-white text-slate-700 hover:border-slate-300 hover:bg-slate-50"
        }`}
      >
        <span>{label}</span>
        <span
          data-testid={`status-count-${key || "all"}`}
          className={`rounded-full px-1.5 tabular-nums ${
            active ? "bg-white/20" : attention && n > 0 ? "bg-red-100 text-red-700" : "bg-slate-100 text-slate-600"
          }`}
        >
          {n}
        </span>
      </button>
    );
  };
  return (
    <div className="flex flex-wrap gap-1.5" role="group" aria-label="Filter by status">
      {chip("", "All", total)}
      {ORDER_STATUSES.map((s) => chip(s, statusLabel(s), counts[s] ?? 0, s === "failed"))}
    </div>
  );
}
