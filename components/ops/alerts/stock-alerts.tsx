"use client";
import { useCallback, useState } from "react";
import { qs } from "@/lib/web/api-client";
import type { StockAlertView, StockAlertsPage } from "@/lib/web/ops-catalog-types";
import { DateTime } from "@/components/ui/date-time";
import { PagedTable, type Column } from "@/components/ui/paged-table";
import { Card, EmptyState, btn, inputClass } from "@/components/ui/ui";
import { usePagedList } from "@/components/hooks/use-paged-list";

const columns: Column<StockAlertView>[] = [
  { id: "when", header: "When", className: "text-slate-600", cell: (a) => <DateTime iso={a.createdAt} /> },
  {
    id: "alert",
    header: "Alert",
    cell: (a) => (
      <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${a.kind === "out" ? "bg-red-100 text-red-800" : "bg-amber-100 text-amber-800"}`}>
        {a.kind === "out" ? "Out of stock" : `Low (≤ ${a.threshold})`}
      </span>
    ),
  },
  {
    id: "sku",
    header: "SKU",
    cell: (a) => (
      <>
        <div className="font-mono text-[13px]">{a.sku}</div>
        <div className="text-xs text-slate-500">{a.productName}</div>
      </>
    ),
  },
  {
    id: "supplier",
    header: "Supplier",
    cell: (a) => (
      <>
        {a.supplierName}
        {a.supplierSku !== a.sku ? <div className="font-mono text-xs text-slate-500">{a.supplierSku}</div> : null}
      </>
    ),
  },
  { id: "quantity", header: "Quantity then", align: "right", className: "tabular-nums", cell: (a) => a.quantity },
  { id: "now", header: "Now", align: "right", className: "tabular-nums", cell: (a) => a.now.offerStock },
  { id: "catalog", header: "Catalog", cell: (a) => (a.now.productActive ? "On sale" : <span className="text-red-700">Hidden</span>) },
];

/** Recent low-stock and out-of-stock crossings (the same ones emailed to ops), newest first. */
export function StockAlerts({ initialQ }: { initialQ: string }) {
  const [q, setQ] = useState(initialQ);
  const [kind, setKind] = useState("");
  const url = useCallback((cursor: string | null, limit: number) => `/api/ops/alerts${qs({ q, kind, cursor, limit })}`, [q, kind]);
  const list = usePagedList<StockAlertView, StockAlertsPage>(url);

  return (
    <Card
      title="Stock alerts"
      actions={
        <button type="button" className={btn.ghost} onClick={list.refresh}>
          Refresh
        </button>
      }
    >
      <div className="flex flex-wrap gap-2 border-b border-slate-100 px-4 py-3">
        <input
          type="search"
          aria-label="Search SKU"
          placeholder="SKU or supplier SKU"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          className={`${inputClass} max-w-xs`}
          data-testid="alerts-search"
        />
        <select aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value)} className={`${inputClass} w-auto`} data-testid="alerts-kind">
          <option value="">Low and out</option>
          <option value="low">Low stock</option>
          <option value="out">Out of stock</option>
        </select>
      </div>
      <PagedTable
        testId="alerts-table"
        columns={columns}
        rows={list.rows}
        rowKey={(a) => a.id}
        rowAttributes={(a) => ({ "data-testid": "alert-row", "data-kind": a.kind, "data-sku": a.sku })}
        loading={list.loading}
        error={list.error}
        paging={list.paging}
        empty={<EmptyState title="No stock alerts" />}
      />
    </Card>
  );
}
