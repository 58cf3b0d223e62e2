import type { OrderStatus } from "@/lib/orders/status-model";
import { statusLabel } from "@/lib/web/status-labels";

/** One colour per status; exits are red/grey, progress goes blue → green. */
const TONE: Record<OrderStatus, string> = {
  pending: "bg-slate-100 text-slate-700 ring-slate-300",
  submitted: "bg-sky-50 text-sky-700 ring-sky-200",
  accepted: "bg-indigo-50 text-indigo-700 ring-indigo-200",
  processing: "bg-amber-50 text-amber-800 ring-amber-200",
  partially_shipped: "bg-teal-50 text-teal-700 ring-teal-200",
  shipped: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  delivered: "bg-green-700 text-white ring-green-800",
  rejected: "bg-rose-50 text-rose-700 ring-rose-200",
  canceled: "bg-zinc-100 text-zinc-700 ring-zinc-300",
  failed: "bg-red-600 text-white ring-red-700",
};

/**
 * The status as people read it ("Partially shipped"); the API's word ("partially_shipped")
 * stays in data-status for scripts and browser tests.
 */
export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  const tone = TONE[status as OrderStatus] ?? "bg-slate-100 text-slate-700 ring-slate-300";
  return (
    <span
      data-testid={testId}
      data-status={status}
      className={`inline-flex items-center rounded-md px-1.5 py-0.5 text-[11px] font-medium leading-4 ring-1 ring-inset whitespace-nowrap ${tone}`}
    >
      {statusLabel(status)}
    </span>
  );
}
