"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { ORDER_STATUSES } from "@/lib/orders/status-model";
import { qs } from "@/lib/web/api-client";
import { formatMoney } from "@/lib/web/format";
import { statusLabel } from "@/lib/web/status-labels";
import type { OrderDto, OrdersPageDto } from "@/lib/orders/order-dto";
import { DateTime } from "@/components/ui/date-time";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { StatusBadge } from "@/components/ui/status-badge";
import { PagedTable, type Column } from "@/components/ui/paged-table";
import { Card, EmptyState, PageHeader, inputClass } from "@/components/ui/ui";
import { useDebouncedCallback } from "@/components/hooks/use-debounced-callback";
import { useOrderEvents } from "./use-order-events";
import { usePagedList } from "@/components/hooks/use-paged-list";
import { useUrlFilters } from "@/components/hooks/use-url-filters";

const columns: Column<OrderDto>[] = [
  {
    id: "number",
    header: "Order",
    cell: (o) => (
      <Link href={`/orders/${o.id}`} className="font-mono text-[13px] font-medium text-sky-700 hover:underline" onClick={(e) => e.stopPropagation()}>
        {o.number}
      </Link>
    ),
  },
  { id: "reference", header: "Reference", className: "text-slate-600", cell: (o) => o.reference ?? "—" },
  { id: "status", header: "Status", testId: "order-row-status", cell: (o) => <StatusBadge status={o.status} /> },
  { id: "units", header: "Units", align: "right", className: "tabular-nums", cell: (o) => o.items.reduce((n, i) => n + i.quantity, 0) },
  { id: "subtotal", header: "Subtotal", align: "right", className: "tabular-nums", cell: (o) => formatMoney(o.subtotal, o.currency) },
  { id: "placed", header: "Placed", className: "text-slate-600", cell: (o) => <DateTime iso={o.createdAt} /> },
  { id: "updated", header: "Updated", className: "text-slate-600", cell: (o) => <DateTime iso={o.updatedAt} /> },
];

/** The reseller's own orders, refreshed as `order.updated` events arrive. */
export function OrdersList({ initialStatus, initialQ }: { initialStatus: string; initialQ: string }) {
  const router = useRouter();
  const f = useUrlFilters({ status: initialStatus, q: initialQ });
  const url = useCallback((cursor: string | null, limit: number) => `/api/orders${qs({ status: f.status, q: f.q, cursor, limit })}`, [f.status, f.q]);
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
                  {statusLabel(s)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <PagedTable
          testId="orders-table"
          columns={columns}
          rows={list.rows}
          rowKey={(o) => o.id}
          rowAttributes={(o) => ({
            "data-testid": "order-row",
            "data-order-id": o.id,
            "data-order-number": o.number,
            onClick: () => router.push(`/orders/${o.id}`),
            className: "cursor-pointer hover:bg-slate-50",
          })}
          loading={list.loading}
          error={list.error}
          paging={list.paging}
          empty={
            <EmptyState title={f.status || f.q ? "No orders match" : "No orders yet"}>
              {f.status || f.q ? (
                "Clear the filters to see all orders."
              ) : (
                <Link href="/" className="text-sky-700 hover:underline">
                  Browse the catalog
                </Link>
              )}
            </EmptyState>
          }
        />
      </Card>
    </>
  );
}
