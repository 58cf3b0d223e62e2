"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { ORDER_STATUSES } from "@/lib/orders/status-model";
import { qs } from "@/lib/web/api-client";
import { formatMoney } from "@/lib/web/format";
import type { OrderDto, OrdersPageDto } from "@/lib/orders/order-dto";
import { DateTime } from "@/components/ui/date-time";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { StatusBadge } from "@/components/ui/status-badge";
import { Alert, Card, EmptyState, PageHeader, btn, inputClass, td, th } from "@/components/ui/ui";
import { useDebouncedCallback } from "@/components/hooks/use-debounced-callback";
import { useOrderEvents } from "./use-order-events";
import { usePagedList } from "@/components/hooks/use-paged-list";
import { useUrlFilters } from "@/components/hooks/use-url-filters";

/** The reseller's own orders, refreshed as `order.updated` events arrive. */
export function OrdersList({ initialStatus, initialQ }: { initialStatus: string; initialQ: string }) {
  const router = useRouter();
  const f = useUrlFilters({ status: initialStatus, q: initialQ });
  const url = useCallback(
    (cursor: string | null, limit: number) => `/api/orders${qs({ status: f.status, q: f.q, cursor, limit })}`,
    [f.status, f.q],
  );
  const list = usePagedList<OrderDto, OrdersPageDto>(url);
  const refresh = useDebouncedCallback(list.refresh, 150);
  const connected = useOrderEvents(refresh, { onReconnect: refresh });

  return (
    <>
      <PageHeader title="Orders" subtitle="Every order your company placed, updated live." actions={<LiveIndicator connected={connected} />} />
      <Card>
        <div className="flex flex-wrap items-end gap-3 border-b border-slate-100 px-4 py-3">
          <div className="min-w-56 flex-1">
            <label htmlFor="orders-q" className="mb-1 block text-[11px] font-medium uppercase tracking-wide text-slate-500">
              Search
            </label>
            <input
              id="orders-q"
              type="search"
              data-testid="orders-search"
              placeholder="Order number or reference"
              value={f.text}
              onChange={(e) => f.setText(e.target.value)}
              className={inputClass}
            />
          </div>
          <div>
            <label htmlFor="orders-status" className="mb-1 block text-[11px] font-medium uppercase tracking-wide text-slate-500">
              Status
            </label>
            <select
              id="orders-status"
              data-testid="orders-status-filter"
              value={f.status}
              onChange={(e) => f.setStatus(e.target.value)}
              className={`${inputClass} w-auto min-w-40`}
            >
              <option value="">All statuses</option>
              {ORDER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
        </div>
        {list.error ? (
          <div className="p-4">
            <Alert>{list.error}</Alert>
          </div>
        ) : null}
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="orders-table">
            <thead className="bg-slate-50/80 text-left">
              <tr>
                <th className={th}>Order</th>
                <th className={th}>Reference</th>
                <th className={th}>Status</th>
                <th className={`${th} text-right`}>Units</th>
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
                  onClick={() => router.push(`/orders/${o.id}`)}
                  className="cursor-pointer border-t border-slate-100 hover:bg-slate-50"
                >
                  <td className={td}>
                    <Link href={`/orders/${o.id}`} className="font-mono text-[13px] font-medium text-sky-700 hover:underline" onClick={(e) => e.stopPropagation()}>
                      {o.number}
                    </Link>
                  </td>
                  <td className={`${td} text-slate-600`}>{o.reference ?? "—"}</td>
                  <td className={td} data-testid="order-row-status">
                    <StatusBadge status={o.status} />
                  </td>
                  <td className={`${td} text-right tabular-nums`}>{(o.items ?? []).reduce((n, i) => n + i.quantity, 0)}</td>
                  <td className={`${td} text-right tabular-nums`}>{formatMoney(o.subtotal, o.currency)}</td>
                  <td className={`${td} text-slate-600`}>
                    <DateTime iso={o.createdAt} />
                  </td>
                  <td className={`${td} text-slate-600`}>
                    <DateTime iso={o.updatedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {!list.loading && !list.error && list.rows.length === 0 ? (
          <EmptyState title={f.status || f.q ? "No orders match" : "No orders yet"}>
            {f.status || f.q ? "Clear the filters to see all orders." : <Link href="/" className="text-sky-700 hover:underline">Browse the catalog</Link>}
          </EmptyState>
        ) : null}
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
