"use client";
import { useCallback, useEffect, useState } from "react";
import Link from "next/link";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import type { SupplierKindDescription } from "@/lib/suppliers/kind-definition";
import type { SupplierView } from "@/lib/suppliers/admin/types";
import { CircuitBadge } from "./circuit-badge";
import { TimeAgo } from "@/components/ui/date-time";
import { SupplierForm } from "./supplier-form";
import { SupplierKindsProvider } from "./supplier-kinds";
import { SupplierRowActions } from "./supplier-row-actions";
import { PagedTable, type Column } from "@/components/ui/paged-table";
import { Alert, Card, EmptyState, PageHeader, btn } from "@/components/ui/ui";
import { useNotice } from "@/components/hooks/use-notice";

type Props = { initial: SupplierView[]; canEdit: boolean; appUrl: string; kinds: readonly SupplierKindDescription[] };

/** Circuits move on their own (cooldowns, the worker's calls): re-read this often while the page is open. */
const REFRESH_MS = 10_000;

/**
 * Suppliers as ops see them (kind, endpoint, circuit, last call, open
 * orders) and, for admins, the forms that add and change them.
 */
export function SupplierAdmin({ initial, canEdit, appUrl, kinds }: Props) {
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

  const columns: Column<SupplierView>[] = [
    {
      id: "supplier",
      header: "Supplier",
      cell: (s) => (
        <>
          <Link href={`/ops/suppliers/${s.id}`} className="block font-medium text-slate-900 underline underline-offset-2" data-testid="supplier-scorecard-link">
            {s.name}
          </Link>
          <div className="font-mono text-[11px] text-slate-500">{s.slug}</div>
          {s.credentialsError ? <div className="text-xs text-red-700">credentials unreadable</div> : null}
        </>
      ),
    },
    {
      id: "kind",
      header: "Kind",
      className: "font-mono text-xs text-slate-700",
      cellTitle: (s) => kinds.find((k) => k.id === s.type)?.label ?? s.type,
      cell: (s) => s.type,
    },
    {
      id: "endpoint",
      header: "Endpoint",
      className: "max-w-56 truncate font-mono text-xs text-slate-600",
      cellTitle: (s) => s.apiEndpoint,
      cell: (s) => s.apiEndpoint,
    },
    {
      id: "active",
      header: "Active",
      testId: "supplier-active",
      cell: (s) => (s.active ? <span className="text-emerald-700">active</span> : <span className="text-slate-500">inactive</span>),
    },
    { id: "rate", header: "Rate limit", align: "right", className: "tabular-nums", testId: "supplier-rate-limit", cell: (s) => `${s.rateLimitPerSec}/s` },
    {
      id: "sync",
      header: "Sync",
      title: "How often stock and the full catalog are synced on schedule",
      className: "text-xs whitespace-nowrap text-slate-600",
      testId: "supplier-sync",
      cell: (s) => `stock ${every(s.syncStockMinutes)} · catalog ${every(s.syncCatalogMinutes)}`,
    },
    { id: "circuit", header: "Circuit", cell: (s) => <CircuitBadge circuit={s.circuit} /> },
    {
      id: "last-call",
      header: "Last call",
      className: "text-xs whitespace-nowrap text-slate-600",
      testId: "supplier-last-call",
      cell: (s) =>
        s.lastCall ? (
          <span
            title={`${s.lastCall.operation}${s.lastCall.statusCode ? ` → HTTP ${s.lastCall.statusCode}` : ""}${s.lastCall.error ? ` (${s.lastCall.error})` : ""}`}
          >
            <span className={s.lastCall.ok ? "text-emerald-700" : "text-red-700"}>{s.lastCall.ok ? "ok" : "failed"}</span> · <TimeAgo iso={s.lastCall.at} />
          </span>
        ) : (
          <span className="text-slate-500">never</span>
        ),
    },
    {
      id: "open-orders",
      header: "Open orders",
      title: "Supplier orders pending → processing",
      align: "right",
      className: "tabular-nums",
      testId: "supplier-open-orders",
      cell: (s) => s.openOrders,
    },
    {
      id: "actions",
      header: <span className="sr-only">Actions</span>,
      cell: (s) => (
        <SupplierRowActions
          supplier={s}
          canEdit={canEdit}
          editing={editing === s.id}
          onEdit={() => setEditing(editing === s.id ? null : s.id)}
          onChanged={() => void refresh()}
        />
      ),
    },
  ];

  return (
    <SupplierKindsProvider value={kinds}>
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
        <PagedTable
          testId="suppliers-table"
          columns={columns}
          rows={list.rows}
          rowKey={(s) => s.id}
          rowAttributes={(s) => ({ "data-testid": "supplier-row", "data-slug": s.slug, className: s.active ? undefined : "bg-slate-50 text-slate-500" })}
          detail={(s) =>
            editing === s.id ? (
              <div className="border-t border-slate-100 bg-slate-50/60">
                <SupplierForm key={s.updatedAt} supplier={s} appUrl={appUrl} onSaved={saved} onCancel={() => setEditing(null)} />
              </div>
            ) : null
          }
          empty={<EmptyState title="No suppliers yet">{canEdit ? "Add one to start taking orders." : null}</EmptyState>}
        />
      </Card>
    </SupplierKindsProvider>
  );
}

/** 15 → "15 min", 60 → "1 h", 0 → "off". */
function every(minutes: number) {
  if (minutes <= 0) return "off";
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}
