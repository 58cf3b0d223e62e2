"use client";
import { useCallback, useState } from "react";
import { qs } from "@/lib/web/api-client";
import type { StockAlertView, StockAlertsPage } from "@/lib/web/ops-catalog-types";
import { DateTime } from "@/components/ui/date-time";
import { Alert, Card, EmptyState, btn, inputClass, td, th } from "@/components/ui/ui";
import { usePagedList } from "@/components/hooks/use-paged-list";

/** Recent low-stock and out-of-stock crossings (the same ones emailed to ops), newest first. */
export function StockAlerts({ initialQ }: { initialQ: string }) {
  const [q, setQ] = useState(initialQ);
  const [kind, setKind] = useState("");
  const url = useCallback((cursor: string | null, limit: number) => `/api/ops/alerts${qs({ q, kind, cursor, limit })}`, [q, kind]);
  const list = usePagedList<StockAlertView, StockAlertsPage>(url);

  return (
    <Card title="Stock alerts" actions={<button type="button" className={btn.ghost} onClick={list.refresh}>Refresh</button>}>
      <div className="flex flex-wrap gap-2 border-b border-slate-100 px-4 py-3">
        <input type="search" aria-label="Search SKU" placeholder="SKU or supplier SKU" value={q} onChange={(e) => setQ(e.target.value)} className={`${inputClass} max-w-xs`} data-testid="alerts-search" />
        <select aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value)} className={`${inputClass} w-auto`} data-testid="alerts-kind">
          <option value="">Low and out</option>
          <option value="low">Low stock</option>
          <option value="out">Out of stock</option>
        </select>
      </div>
      {list.error ? <div className="p-4"><Alert>{list.error}</Alert></div> : null}
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="alerts-table">
          <thead className="bg-slate-50/80 text-left">
            <tr>
              <th className={th}>When</th>
              <th className={th}>Alert</th>
              <th className={th}>SKU</th>
              <th className={th}>Supplier</th>
              <th className={`${th} text-right`}>Quantity then</th>
              <th className={`${th} text-right`}>Now</th>
              <th className={th}>Catalog</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((a) => (
              <tr key={a.id} className="border-t border-slate-100" data-testid="alert-row" data-kind={a.kind} data-sku={a.sku}>
                <td className={`${td} text-slate-600`}><DateTime iso={a.createdAt} /></td>
                <td className={td}>
                  <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${a.kind === "out" ? "bg-red-100 text-red-800" : "bg-amber-100 text-amber-800"}`}>
                    {a.kind === "out" ? "Out of stock" : `Low (≤ ${a.threshold})`}
                  </span>
                </td>
                <td className={td}>
                  <div className="font-mono text-[13px]">{a.sku}</div>
                  <div className="text-xs text-slate-500">{a.productName}</div>
                </td>
                <td className={td}>
                  {a.supplierName}
                  {a.supplierSku !== a.sku ? <div className="font-mono text-xs text-slate-500">{a.supplierSku}</div> : null}
                </td>
                <td className={`${td} text-right tabular-nums`}>{a.quantity}</td>
                <td className={`${td} text-right tabular-nums`}>{a.now.offerStock}</td>
                <td className={td}>{a.now.productActive ? "On sale" : <span className="text-red-700">Hidden</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!list.loading && !list.error && list.rows.length === 0 ? <EmptyState title="No stock alerts" /> : null}
      <div className="flex items-center justify-between border-t border-slate-100 px-4 py-2.5 text-xs text-slate-500">
        <span>{list.rows.length} shown</span>
        {list.loading ? <span>Loading…</span> : null}
        {list.cursor && !list.loading ? <button type="button" className={btn.secondary} onClick={list.loadMore}>Load more</button> : null}
      </div>
    </Card>
  );
}
