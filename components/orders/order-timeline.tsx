import type { OrderDto } from "@/lib/orders/order-dto";
import { DateTime } from "@/components/ui/date-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { Card, EmptyState } from "@/components/ui/ui";

/** Oldest first, so the story reads top to bottom and the latest change is at the end. */
export function OrderTimeline({ order }: { order: OrderDto }) {
  const entries = [...order.timeline].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Card title="Timeline">
      {entries.length === 0 ? (
        <EmptyState title="No events yet" />
      ) : (
        <ol className="px-4 py-3" data-testid="order-timeline">
          {entries.map((e, i) => (
            <li key={`${e.at}-${i}`} data-testid="timeline-entry" className="relative flex gap-3 pb-3 last:pb-0">
              <span aria-hidden className="relative mt-1.5 flex flex-col items-center">
                <span className="size-2 rounded-full bg-slate-400" />
                {i < entries.length - 1 ? <span className="absolute top-3 h-[calc(100%+0.25rem)] w-px bg-slate-200" /> : null}
              </span>
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2 text-[13px]">
                  <span className="font-medium text-slate-800">{e.type.replaceAll("_", " ")}</span>
                  {e.status ? <StatusBadge status={e.status} /> : null}
                  {e.source ? (
                    <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-600" data-testid="timeline-source">
                      {e.source}
                    </span>
                  ) : null}
                  <span className="ml-auto text-xs text-slate-500">
                    <DateTime iso={e.at} withSeconds />
                  </span>
                </div>
                {e.message ? <p className="mt-0.5 break-words text-xs text-slate-600">{e.message}</p> : null}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
