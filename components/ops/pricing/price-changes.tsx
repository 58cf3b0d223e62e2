"use client";
import { useCallback, useState } from "react";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import type { PriceChangeView } from "@/lib/web/ops-catalog-types";
import { DateTime } from "@/components/ui/date-time";
import { Alert, Card, EmptyState, btn, td, th } from "@/components/ui/ui";
import { useNotice } from "@/components/hooks/use-notice";

const STATUSES = ["pending", "approved", "rejected", "superseded", "all"] as const;

/** Price changes over the tolerance: pending ones wait for approve / reject; the rest are history. */
export function PriceChanges({ initial }: { initial: PriceChangeView[] }) {
  const [status, setStatus] = useState<(typeof STATUSES)[number]>("pending");
  const [rows, setRows] = useState(initial);
  const [busy, setBusy] = useState<string | null>(null);
  const { notice, notify } = useNotice();

  const load = useCallback(async (s: string) => {
    const res = await apiFetch<{ data: PriceChangeView[] }>(`/api/ops/pricing/changes?status=${s}`);
    if (res.status === 401) return redirectToLogin();
    if (res.ok) setRows(res.data.data);
    else notify("error", res.error.message);
  }, [notify]);

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
    else notify("success", decision === "approve" ? `${c.sku} now sells at ${c.newPrice}.` : `${c.sku} stays at ${c.currentPrice}.`);
    await load(status);
  }

  return (
    <Card
      title="Price changes waiting for approval"
      actions={
        <select aria-label="Show" value={status} onChange={(e) => show(e.target.value as (typeof STATUSES)[number])} className="rounded-md border border-slate-300 px-2 py-1 text-sm" data-testid="changes-status">
          {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      }
    >
      {notice ? <div className="px-4 pt-3"><Alert tone={notice.tone}>{notice.message}</Alert></div> : null}
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="changes-table">
          <thead className="bg-slate-50/80 text-left">
            <tr>
              <th className={th}>SKU</th>
              <th className={th}>Why</th>
              <th className={`${th} text-right`}>Price now</th>
              <th className={`${th} text-right`}>Proposed</th>
              <th className={`${th} text-right`}>Change</th>
              <th className={th}>Since</th>
              <th className={th}>{status === "pending" ? "" : "Decided"}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} className="border-t border-slate-100" data-testid="change-row" data-sku={c.sku}>
                <td className={td}>
                  <div className="font-mono text-[13px]">{c.sku}</div>
                  <div className="text-xs text-slate-500">{c.name}</div>
                </td>
                <td className={`${td} text-slate-600`}>{c.reason}</td>
                <td className={`${td} text-right tabular-nums`}>{c.currentPrice}</td>
                <td className={`${td} text-right tabular-nums font-medium`}>{c.newPrice}</td>
                <td className={`${td} text-right tabular-nums ${c.changePercent !== null && c.changePercent > 0 ? "text-red-700" : "text-emerald-700"}`}>
                  {c.changePercent === null ? "—" : `${c.changePercent > 0 ? "+" : ""}${c.changePercent} %`}
                </td>
                <td className={`${td} text-slate-600`}><DateTime iso={c.updatedAt} /></td>
                <td className={`${td} whitespace-nowrap text-right`}>
                  {c.status === "pending" ? (
                    <>
                      <button type="button" className={btn.primary} disabled={busy === c.id} onClick={() => decide(c, "approve")} data-testid="change-approve">Approve</button>{" "}
                      <button type="button" className={btn.secondary} disabled={busy === c.id} onClick={() => decide(c, "reject")} data-testid="change-reject">Reject</button>
                    </>
                  ) : (
                    <span className="text-xs text-slate-500">{c.status}{c.decidedBy ? ` by ${c.decidedBy}` : ""}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 ? <EmptyState title={status === "pending" ? "Nothing waiting" : "None"} /> : null}
    </Card>
  );
}
