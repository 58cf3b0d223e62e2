"use client";
import { useState } from "react";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import type { SyncKind, SyncSupplierView } from "@/lib/catalog/sync/types";
import { Alert, Card, EmptyState, btn, td, ScrollX } from "@/components/ui/ui";
import { useNotice } from "@/components/hooks/use-notice";

/** Each supplier's schedule and its "sync now" buttons (POST /api/ops/suppliers/{id}/sync). */
export function SyncNowButtons({ suppliers, onQueued }: { suppliers: SyncSupplierView[]; onQueued: () => void }) {
  const { notice, notify } = useNotice();
  const [busy, setBusy] = useState<string | null>(null);

  async function syncNow(s: SyncSupplierView, kind: SyncKind) {
    setBusy(`${s.id}:${kind}`);
    const res = await apiFetch<{ jobId: string }>(`/api/ops/suppliers/${encodeURIComponent(s.id)}/sync`, { method: "POST", body: JSON.stringify({ kind }) });
    setBusy(null);
    if (!res.ok) {
      if (res.status === 401) return redirectToLogin();
      notify("error", res.error.message);
      return;
    }
    notify("success", `${kind === "stock" ? "Stock" : "Catalog"} sync of ${s.name} queued.`);
    onQueued();
  }

  return (
    <Card title="Suppliers">
      {notice ? (
        <div className="border-b border-slate-100 p-3" data-testid="sync-notice">
          <Alert tone={notice.tone}>{notice.message}</Alert>
        </div>
      ) : null}
      {suppliers.length === 0 ? <EmptyState title="No suppliers" /> : null}
      <ScrollX>
        <table className="w-full text-sm">
          <tbody>
            {suppliers.map((s) => (
              <tr key={s.id} className="border-t border-slate-100 first:border-t-0" data-testid="sync-supplier" data-supplier={s.slug}>
                <td className={`${td} font-medium text-slate-800`}>
                  {s.name} <span className="font-mono text-[11px] text-slate-500">{s.slug}</span>
                  {!s.active ? <span className="ml-2 text-xs text-slate-500">inactive</span> : null}
                </td>
                <td className={`${td} text-xs text-slate-500`}>
                  stock every {schedule(s.syncStockMinutes)} · catalog every {schedule(s.syncCatalogMinutes)}
                </td>
                <td className={`${td} text-right whitespace-nowrap`}>
                  {(["stock", "catalog"] as const).map((kind) => (
                    <button
                      key={kind}
                      type="button"
                      className={`${btn.secondary} ml-2`}
                      data-testid={`sync-now-${s.slug}-${kind}`}
                      disabled={!s.active || busy === `${s.id}:${kind}`}
                      onClick={() => void syncNow(s, kind)}
                    >
                      Sync {kind} now
                    </button>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollX>
    </Card>
  );
}

function schedule(minutes: number) {
  if (minutes <= 0) return "— (off)";
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}
