"use client";
import { useCallback, useState } from "react";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import type { PriceChangeView } from "@/lib/web/ops-catalog-types";
import { DateTime } from "@/components/ui/date-time";
import { PagedTable, type Column } from "@/components/ui/paged-table";
import { Alert, Card, EmptyState, btn } from "@/components/ui/ui";
import { useNotice } from "@/components/hooks/use-notice";
import { statusLabel } from "@/lib/web/status-labels";
import { formatMoney } from "@/lib/web/format";

const STATUSES = ["pending", "approved", "rejected", "superseded", "all"] as const;

/** Price changes over the tolerance: pending ones wait for approve / reject; the rest are history. */
export function PriceChanges({ initial }: { initial: PriceChangeView[] }) {
  const [status, setStatus] = useState<(typeof STATUSES)[number]>("pending");
  const [rows, setRows] = useState(initial);
  const [busy, setBusy] = useState<string | null>(null);
  const { notice, notify } = useNotice();

  const load = useCallback(
    async (s: string) => {
      const res = await apiFetch<{ data: PriceChangeView[] }>(`/api/ops/pricing/changes?status=${s}`);
      if (res.status === 401) return redirectToLogin();
      if (res.ok) setRows(res.data.data);
      else notify("error", res.error.message);
    },
    [notify],
  );

  function show(s: (typeof STATUSES)[number]) {
    setStatus(s);
    void load(s);
  }

  async function decide(c: PriceChangeView, decision: "approve" | "reject") {
    setBusy(c.id);
    const res = await apiFetch<{ status: string }>(`/api/ops/pricing/changes/${encodeURIComponent(c.id)}/${decision}`, { method: "POST" });
    setBusy(null);
    if (res.status === 401) return redirectToLogin();
    if (!res.ok) notify("error", res.error.message);
    else notify("success", decision === "approve" ? `${c.sku} now sells at ${formatMoney(c.newPrice)}.` : `${c.sku} stays at ${formatMoney(c.currentPrice)}.`);
    await load(status);
  }

  const columns: Column<PriceChangeView>[] = [
    {
      id: "sku",
      header: "SKU",
      cell: (c) => (
        <>
          <div className="font-mono text-[13px]">{c.sku}</div>
          <div className="text-xs text-slate-500">{c.name}</div>
        </>
      ),
    },
    { id: "reason", header: "Why", className: "text-slate-600", cell: (c) => c.reason },
    { id: "current", header: "Price now", align: "right", className: "tabular-nums", cell: (c) => formatMoney(c.currentPrice) },
    { id: "proposed", header: "Proposed", align: "right", className: "tabular-nums font-medium", cell: (c) => formatMoney(c.newPrice) },
    {
      id: "change",
      header: "Change",
      align: "right",
      className: (c) => `tabular-nums ${c.changePercent !== null && c.changePercent > 0 ? "text-red-700" : "text-emerald-700"}`,
      cell: (c) => (c.changePercent === null ? "—" : `${c.changePercent > 0 ? "+" : ""}${c.changePercent} %`),
    },
    { id: "since", header: "Since", className: "text-slate-600", cell: (c) => <DateTime iso={c.updatedAt} /> },
    {
      id: "decision",
      header: status === "pending" ? "" : "Decided",
      className: "whitespace-nowrap text-right",
      cell: (c) =>
        c.status === "pending" ? (
          <>
            <button type="button" className={btn.primary} disabled={busy === c.id} onClick={() => decide(c, "approve")} data-testid="change-approve">
              Approve
            </button>{" "}
            <button type="button" className={btn.secondary} disabled={busy === c.id} onClick={() => decide(c, "reject")} data-testid="change-reject">
              Reject
            </button>
          </>
        ) : (
          <span className="text-xs text-slate-500">
            {statusLabel(c.status)}
            {c.decidedBy ? ` by ${c.decidedBy}` : ""}
          </span>
        ),
    },
  ];

  return (
    <Card
      title="Price changes waiting for approval"
      actions={
        <select
          aria-label="Show"
          value={status}
          onChange={(e) => show(e.target.value as (typeof STATUSES)[number])}
          className="rounded-md border border-slate-300 px-2 py-1 text-sm"
          data-testid="changes-status"
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </select>
      }
    >
      {notice ? (
        <div className="px-4 pt-3">
          <Alert tone={notice.tone}>{notice.message}</Alert>
        </div>
      ) : null}
      <PagedTable
        testId="changes-table"
        columns={columns}
        rows={rows}
        rowKey={(c) => c.id}
        rowAttributes={(c) => ({ "data-testid": "change-row", "data-sku": c.sku })}
        empty={<EmptyState title={status === "pending" ? "Nothing waiting" : "None"} />}
      />
    </Card>
  );
}
