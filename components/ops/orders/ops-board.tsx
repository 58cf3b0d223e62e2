"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { qs } from "@/lib/web/api-client";
import { formatMoney } from "@/lib/web/format";
import type { OpsOrdersPageDto, OrderDto } from "@/lib/orders/order-dto";
import { DateTime, TimeAgo } from "@/components/ui/date-time";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { StatusBadge } from "@/components/ui/status-badge";
import { StatusChips } from "@/components/ui/status-chips";
import { Alert, Card, EmptyState, PageHeader, btn, inputClass, td, th } from "@/components/ui/ui";
import { useDebouncedCallback } from "@/components/hooks/use-debounced-callback";
import { useOrderEvents } from "@/components/orders/use-order-events";
import { usePagedList } from "@/components/hooks/use-paged-list";
import { useUrlFilters } from "@/components/hooks/use-url-filters";

/** Every company's orders, live: any `order.updated` refreshes the visible rows and the counts. */
export function OpsBoard({ initialStatus, initialQ }: { initialStatus: string; initialQ: string }) {
  const router = useRouter();
  const f = useUrlFilters({ status: initialStatus, q: initialQ });
  const url = useCallback(
    (cursor: string | null, limit: number) => `/api/ops/orders${qs({ status: f.status, q: f.q, cursor, limit })}`,
    [f.status, f.q],
  );
  const list = usePagedList<OrderDto, OpsOrdersPageDto>(url);
  const refresh = useDebouncedCallback(list.refresh, 150);
  const connected = useOrderEvents(refresh, { onReconnect: refresh });

  return (
    <>
      <PageHeader title="Ops board" subtitle="All orders across companies, as they change." actions={<LiveIndicator connected={connected} />} />
      <Card>
        <div className="space-y-3 border-b border-slate-100 px-4 py-3">
          <StatusChips counts={list.head?.counts ?? {}} value={f.status} onChange={f.setStatus} />
          <div className="max-w-md">
            <label htmlFor="ops-q" className="sr-only">
              Search orders
            </label>
            <input
              id="ops-q"
              type="search"
              data-testid="ops-search"
              placeholder="Search number, reference or company"
              value={f.text}
              onChange={(e) => f.setText(e.target.value)}
              className={inputClass}
            />
          </div>
        </div>
        {list.error ? (
          <div className="p-4">
            <Alert>{list.error}</Alert>
          </div>
        ) : null}
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="ops-orders-table">
            <thead className="bg-slate-50/80 text-left">
              <tr>
                <th className={th}>Order</th>
                <th className={th}>Company</th>
                <th className={th}>Reference</th>
                <th className={th}>Status</th>
                <th className={`${th} text-right`}>Subtotal</th>
                <th className={th}>Placed</th>
                <th className={th}>Updated</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((o) => (
                <tr
                  key={o.id}
                  data-testid="order-row"
                  data-order-id={o.id}
                  data-order-number={o.number}
                  onClick={() => router.push(`/ops/orders/${o.id}`)}
                  className={`cursor-pointer border-t border-slate-100 hover:bg-slate-50 ${o.status === "failed" ? "bg-red-50/40" : ""}`}
                >
                  <td className={td}>
                    <Link href={`/ops/orders/${o.id}`} className="font-mono text-[13px] font-medium text-sky-700 hover:underline" onClick={(e) => e.stopPropagation()}>
                      {o.number}
                    </Link>
                  </td>
                  <td className={`${td} text-slate-700`} data-testid="order-row-company">
                    {o.company?.name ?? "—"}
                  </td>
                  <td className={`${td} text-slate-600`}>{o.reference ?? "—"}</td>
                  <td className={td} data-testid="order-row-status">
                    <StatusBadge status={o.status} />
                  </td>
                  <td className={`${td} text-right tabular-nums`}>{formatMoney(o.subtotal, o.currency)}</td>
                  <td className={`${td} text-slate-600`}>
                    <DateTime iso={o.createdAt} />
                  </td>
                  <td className={`${td} text-slate-600`}>
                    <TimeAgo iso={o.updatedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {!list.loading && !list.error && list.rows.length === 0 ? <EmptyState title="No orders match" /> : null}
        <div className="flex items-center justify-between border-t border-slate-100 px-4 py-2.5 text-xs text-slate-500">
          <span>{list.rows.length} shown</span>
          {list.loading ? <span>Loading…</span> : null}
          {list.cursor && !list.loading ? (
            <button type="button" className={btn.secondary} onClick={list.loadMore} data-testid="load-more">
              Load more
            </button>
          ) : null}
        </div>
      </Card>
    </>
  );
}
