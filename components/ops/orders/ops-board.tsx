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
import { PagedTable, type Column } from "@/components/ui/paged-table";
import { Card, EmptyState, PageHeader, inputClass } from "@/components/ui/ui";
import { useDebouncedCallback } from "@/components/hooks/use-debounced-callback";
import { useOrderEvents } from "@/components/orders/use-order-events";
import { usePagedList } from "@/components/hooks/use-paged-list";
import { useUrlFilters } from "@/components/hooks/use-url-filters";

const columns: Column<OrderDto>[] = [
  {
    id: "number",
    header: "Order",
    cell: (o) => (
      <Link href={`/ops/orders/${o.id}`} className="font-mono text-[13px] font-medium text-sky-700 hover:underline" onClick={(e) => e.stopPropagation()}>
        {o.number}
      </Link>
    ),
  },
  { id: "company", header: "Company", className: "text-slate-700", testId: "order-row-company", cell: (o) => o.company.name },
  { id: "reference", header: "Reference", className: "text-slate-600", cell: (o) => o.reference ?? "—" },
  { id: "status", header: "Status", testId: "order-row-status", cell: (o) => <StatusBadge status={o.status} /> },
  { id: "subtotal", header: "Subtotal", align: "right", className: "tabular-nums", cell: (o) => formatMoney(o.subtotal, o.currency) },
  { id: "placed", header: "Placed", className: "text-slate-600", cell: (o) => <DateTime iso={o.createdAt} /> },
  { id: "updated", header: "Updated", className: "text-slate-600", cell: (o) => <TimeAgo iso={o.updatedAt} /> },
];

/** Every company's orders, live: any `order.updated` refreshes the visible rows and the counts. */
export function OpsBoard({ initialStatus, initialQ }: { initialStatus: string; initialQ: string }) {
  const router = useRouter();
  const f = useUrlFilters({ status: initialStatus, q: initialQ });
  const url = useCallback((cursor: string | null, limit: number) => `/api/ops/orders${qs({ status: f.status, q: f.q, cursor, limit })}`, [f.status, f.q]);
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
        <PagedTable
          testId="ops-orders-table"
          columns={columns}
          rows={list.rows}
          rowKey={(o) => o.id}
          rowAttributes={(o) => ({
            "data-testid": "order-row",
            "data-order-id": o.id,
            "data-order-number": o.number,
            onClick: () => router.push(`/ops/orders/${o.id}`),
            className: `cursor-pointer hover:bg-slate-50${o.status === "failed" ? " bg-red-50/40" : ""}`,
          })}
          loading={list.loading}
          error={list.error}
          paging={list.paging}
          empty={<EmptyState title="No orders match" />}
        />
      </Card>
    </>
  );
}
