"use client";
import { Fragment, useCallback, useEffect, useState } from "react";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import { KIND_LABELS } from "@/lib/suppliers/admin/schemas";
import type { SupplierView } from "@/lib/suppliers/admin/types";
import { CircuitBadge } from "./circuit-badge";
import { TimeAgo } from "@/components/ui/date-time";
import { SupplierForm } from "./supplier-form";
import { SupplierRowActions } from "./supplier-row-actions";
import { Alert, Card, EmptyState, PageHeader, btn, td, th } from "@/components/ui/ui";
import { useNotice } from "@/components/hooks/use-notice";

type Props = { initial: SupplierView[]; canEdit: boolean; appUrl: string };

/** Circuits move on their own (cooldowns, the worker's calls): re-read this often while the page is open. */
const REFRESH_MS = 10_000;

/**
 * Suppliers as ops see them (kind, endpoint, circuit, last call, open
 * orders) and, for admins, the forms that add and change them.
 */
export function SupplierAdmin({ initial, canEdit, appUrl }: Props) {
  const [list, setList] = useState({ rows: initial });
  const [editing, setEditing] = useState<string | null>(null); // supplier id, "new", or null
  const [loadError, setLoadError] = useState<string | null>(null);
  const { notice, notify } = useNotice();

  const refresh = useCallback(async () => {
    const res = await apiFetch<{ data: SupplierView[] }>("/api/ops/suppliers");
    if (res.ok) {
      setList({ rows: res.data.data });
      setLoadError(null);
    } else if (res.status === 401) redirectToLogin();
    else setLoadError(res.error.message);
  }, []);

  useEffect(() => {
    const t = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(t);
  }, [refresh]);

  const saved = (s: SupplierView, message: string) => {
    setEditing(null);
    notify("success", message);
    setList((l) => ({ ...l, rows: l.rows.some((r) => r.id === s.id) ? l.rows.map((r) => (r.id === s.id ? s : r)) : [...l.rows, s] }));
    void refresh();
  };

  return (
    <>
      <PageHeader
        title="Suppliers"
        subtitle="Where orders go, how fast we may call, and whether each supplier is answering."
        actions={
          canEdit ? (
            <button type="button" className={btn.primary} data-testid="add-supplier" onClick={() => setEditing(editing === "new" ? null : "new")}>
              Add supplier
            </button>
          ) : (
            <span className="text-xs text-slate-500">Changing suppliers needs an admin account.</span>
          )
        }
      />
      {notice ? (
        <div className="mb-3">
          <Alert tone={notice.tone} testId="supplier-notice">
            {notice.message}
          </Alert>
        </div>
      ) : null}
      {loadError ? (
        <div className="mb-3">
          <Alert>{loadError}</Alert>
        </div>
      ) : null}
      {editing === "new" ? (
        <Card title="New supplier" className="mb-4">
          <SupplierForm supplier={null} appUrl={appUrl} onSaved={saved} onCancel={() => setEditing(null)} />
        </Card>
      ) : null}
      <Card>
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="suppliers-table">
            <thead className="bg-slate-50/80 text-left">
              <tr>
                <th className={th}>Supplier</th>
                <th className={th}>Kind</th>
                <th className={th}>Endpoint</th>
                <th className={th}>Active</th>
                <th className={`${th} text-right`}>Rate limit</th>
                <th className={th} title="How often stock and the full catalog are synced on schedule">
                  Sync
                </th>
                <th className={th}>Circuit</th>
                <th className={th}>Last call</th>
                <th className={`${th} text-right`} title="Supplier orders pending → processing">
                  Open orders
                </th>
                <th className={th}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((s) => (
                <Fragment key={s.id}>
                  <tr data-testid="supplier-row" data-slug={s.slug} className={`border-t border-slate-100 ${s.active ? "" : "bg-slate-50 text-slate-500"}`}>
                    <td className={td}>
                      <div className="font-medium text-slate-900">{s.name}</div>
                      <div className="font-mono text-[11px] text-slate-500">{s.slug}</div>
                      {s.credentialsError ? <div className="text-xs text-red-700">credentials unreadable</div> : null}
                    </td>
                    <td className={`${td} font-mono text-xs text-slate-700`} title={KIND_LABELS[s.type]}>
                      {s.type}
                    </td>
                    <td className={`${td} max-w-56 truncate font-mono text-xs text-slate-600`} title={s.apiEndpoint}>
                      {s.apiEndpoint}
                    </td>
                    <td className={td} data-testid="supplier-active">
                      {s.active ? <span className="text-emerald-700">active</span> : <span className="text-slate-500">inactive</span>}
                    </td>
                    <td className={`${td} text-right tabular-nums`} data-testid="supplier-rate-limit">
                      {s.rateLimitPerSec}/s
                    </td>
                    <td className={`${td} text-xs whitespace-nowrap text-slate-600`} data-testid="supplier-sync">
                      stock {every(s.syncStockMinutes)} · catalog {every(s.syncCatalogMinutes)}
                    </td>
                    <td className={td}>
                      <CircuitBadge circuit={s.circuit} />
                    </td>
                    <td className={`${td} text-xs whitespace-nowrap text-slate-600`} data-testid="supplier-last-call">
                      {s.lastCall ? (
                        <span title={`${s.lastCall.operation}${s.lastCall.statusCode ? ` → HTTP ${s.lastCall.statusCode}` : ""}${s.lastCall.error ? ` (${s.lastCall.error})` : ""}`}>
                          <span className={s.lastCall.ok ? "text-emerald-700" : "text-red-700"}>{s.lastCall.ok ? "ok" : "failed"}</span> · <TimeAgo iso={s.lastCall.at} />
                        </span>
                      ) : (
                        <span className="text-slate-400">never</span>
                      )}
                    </td>
                    <td className={`${td} text-right tabular-nums`} data-testid="supplier-open-orders">
                      {s.openOrders}
                    </td>
                    <td className={td}>
                      <SupplierRowActions
                        supplier={s}
                        canEdit={canEdit}
                        editing={editing === s.id}
                        onEdit={() => setEditing(editing === s.id ? null : s.id)}
                        onChanged={() => void refresh()}
                      />
                    </td>
                  </tr>
                  {editing === s.id ? (
                    <tr className="border-t border-slate-100 bg-slate-50/60">
                      <td colSpan={10}>
                        <SupplierForm key={s.updatedAt} supplier={s} appUrl={appUrl} onSaved={saved} onCancel={() => setEditing(null)} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
        {list.rows.length === 0 ? <EmptyState title="No suppliers yet">{canEdit ? "Add one to start taking orders." : null}</EmptyState> : null}
      </Card>
    </>
  );
}

/** 15 → "15 min", 60 → "1 h", 0 → "off". */
function every(minutes: number) {
  if (minutes <= 0) return "off";
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}
