"use client";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { qs } from "@/lib/web/api-client";
import type { AuditEntryView } from "@/lib/audit/list-audit-entries";
import type { Page } from "@/lib/web/types";
import { DateTime } from "@/components/ui/date-time";
import { PagedTable, type Column } from "@/components/ui/paged-table";
import { Card, EmptyState, btn, inputClass } from "@/components/ui/ui";
import { usePagedList } from "@/components/hooks/use-paged-list";

export type AuditFilters = { actor: string; action: string; entityType: string; entityId: string; companyId: string; from: string; to: string };

const ENTITY_TYPES = [
  "order",
  "supplier",
  "markup_rule",
  "price_change",
  "product",
  "offer_rule",
  "exception",
  "webhook_event",
  "job",
  "user",
  "invitation",
  "api_key",
  "company",
  "company_address",
  "webhook_endpoint",
];
/** Suggestions for the action filter: a prefix ending in "." matches every action of that kind. */
const ACTIONS = [
  "order.",
  "order.placed_on_behalf",
  "order.retried",
  "order.canceled",
  "supplier.",
  "supplier.credentials_rotated",
  "markup_rule.",
  "price_change.",
  "offer_rule.",
  "offer_terms.updated",
  "product.",
  "exception.resolved",
  "webhook.",
  "job.",
  "user.",
  "api_key.",
  "company.",
  "webhook_endpoint.",
];

/** Where an entry's entity lives in the console, when it has a page. */
function entityHref(e: AuditEntryView): string | null {
  const id = encodeURIComponent(e.entityId);
  switch (e.entityType) {
    case "order":
      return `/ops/orders/${id}`;
    case "supplier":
      return `/ops/suppliers/${id}`;
    case "company":
      return `/ops/companies/${id}`;
    default:
      return e.companyId ? `/ops/companies/${encodeURIComponent(e.companyId)}` : null;
  }
}

const show = (v: unknown) => (v === undefined ? "—" : JSON.stringify(v));

/** The fields that differ between before and after (all of one side when the other is empty). */
function changes(before: unknown, after: unknown): { key: string; from?: unknown; to?: unknown }[] {
  const obj = (v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
  const b = obj(before);
  const a = obj(after);
  if (!b && !a) return before === null && after === null ? [] : [{ key: "value", from: before ?? undefined, to: after ?? undefined }];
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return keys
    .filter((k) => !b || !a || JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ key: k, ...(b && k in b ? { from: b[k] } : {}), ...(a && k in a ? { to: a[k] } : {}) }));
}

function Diff({ e }: { e: AuditEntryView }) {
  const rows = changes(e.before, e.after);
  if (rows.length === 0 && !e.note) return <span className="text-slate-500">—</span>;
  return (
    <div className="space-y-0.5 text-xs" data-testid="audit-diff">
      {e.note ? <div className="text-slate-700">{e.note}</div> : null}
      {rows.slice(0, 8).map((r) => (
        <div key={r.key} className="break-words">
          <span className="font-medium text-slate-700">{r.key}</span>: {"from" in r ? <del className="text-red-800">{show(r.from)}</del> : null}
          {"from" in r && "to" in r ? <span aria-hidden> → </span> : null}
          {"from" in r && "to" in r ? <span className="sr-only"> changed to </span> : null}
          {"to" in r ? <ins className="text-emerald-800 no-underline">{show(r.to)}</ins> : null}
        </div>
      ))}
      {rows.length > 8 ? <div className="text-slate-500">and {rows.length - 8} more</div> : null}
      <details>
        <summary className="cursor-pointer text-slate-600">JSON</summary>
        <pre className="mt-1 max-w-md whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-[11px] text-slate-800">
          {JSON.stringify({ before: e.before, after: e.after }, null, 2)}
        </pre>
      </details>
    </div>
  );
}

const columns: Column<AuditEntryView>[] = [
  { id: "when", header: "When", className: "whitespace-nowrap text-slate-600", cell: (e) => <DateTime iso={e.at} withSeconds /> },
  {
    id: "who",
    header: "Who",
    testId: "audit-actor",
    cell: (e) => (
      <>
        <div className="break-all">{e.actor.email}</div>
        <div className="text-xs text-slate-500">{e.actor.role}</div>
      </>
    ),
  },
  { id: "action", header: "Action", testId: "audit-action", cell: (e) => <code className="text-[13px]">{e.action}</code> },
  {
    id: "entity",
    header: "Entity",
    cell: (e) => {
      const href = entityHref(e);
      const label = e.entityLabel ?? e.entityId;
      return (
        <>
          <div className="text-xs text-slate-500">{e.entityType}</div>
          {href ? (
            <Link href={href} className="break-all font-mono text-[13px] text-sky-800 underline underline-offset-2" data-testid="audit-entity-link">
              {label}
            </Link>
          ) : (
            <span className="break-all font-mono text-[13px]">{label}</span>
          )}
          {e.company ? <div className="text-xs text-slate-600">{e.company.name}</div> : null}
        </>
      );
    },
  },
  { id: "change", header: "Before → after", cell: (e) => <Diff e={e} /> },
];

/** The audit log: who changed what, when, before and after; filtered, paged, exported as CSV. */
export function AuditLog({ initial }: { initial: AuditFilters }) {
  const [form, setForm] = useState<AuditFilters>(initial);
  const [filters, setFilters] = useState<AuditFilters>(initial);
  // Typing settles before it queries.
  useEffect(() => {
    const t = setTimeout(() => setFilters(form), 300);
    return () => clearTimeout(t);
  }, [form]);
  const query = useCallback((extra: Record<string, string | number | null>) => qs({ ...filters, ...extra }), [filters]);
  const url = useCallback((cursor: string | null, limit: number) => `/api/ops/audit${query({ cursor, limit })}`, [query]);
  const list = usePagedList<AuditEntryView, Page<AuditEntryView>>(url);
  // The URL keeps the filters, so a filtered view can be shared or reloaded.
  useEffect(() => {
    window.history.replaceState(null, "", `/ops/audit${query({})}`);
  }, [query]);

  const field = (key: keyof AuditFilters) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value })),
    className: inputClass,
    name: key,
    "data-testid": `audit-filter-${key}`,
  });
  const label = "text-[13px] font-medium text-slate-700";

  return (
    <Card
      title="Entries"
      actions={
        <div className="flex items-center gap-2">
          <button type="button" className={btn.ghost} onClick={list.refresh}>
            Refresh
          </button>
          <a href={`/api/ops/audit.csv${query({})}`} download className={btn.secondary} data-testid="audit-export">
            Export CSV
          </a>
        </div>
      }
    >
      <form
        role="search"
        aria-label="Filter the audit log"
        className="grid gap-3 border-b border-slate-100 px-4 py-3 sm:grid-cols-2 lg:grid-cols-4"
        onSubmit={(e) => e.preventDefault()}
      >
        <label className={label}>
          Who (email)
          <input type="search" placeholder="ops@…" {...field("actor")} />
        </label>
        <label className={label}>
          Action
          <input type="search" placeholder="supplier. or order.canceled" list="audit-actions" {...field("action")} />
          <datalist id="audit-actions">
            {ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        <label className={label}>
          Entity type
          <select {...field("entityType")}>
            <option value="">Any</option>
            {ENTITY_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label className={label}>
          Entity id
          <input type="search" {...field("entityId")} />
        </label>
        <label className={label}>
          Company id
          <input type="search" {...field("companyId")} />
        </label>
        <label className={label}>
          From
          <input type="date" {...field("from")} />
        </label>
        <label className={label}>
          To
          <input type="date" {...field("to")} />
        </label>
        <div className="flex items-end">
          <button
            type="button"
            className={btn.ghost}
            data-testid="audit-clear"
            onClick={() => setForm({ actor: "", action: "", entityType: "", entityId: "", companyId: "", from: "", to: "" })}
          >
            Clear filters
          </button>
        </div>
      </form>
      <PagedTable
        testId="audit-table"
        columns={columns}
        rows={list.rows}
        rowKey={(e) => e.id}
        rowAttributes={(e) => ({ "data-testid": "audit-row", "data-action": e.action, "data-entity-id": e.entityId })}
        loading={list.loading}
        error={list.error}
        paging={list.paging}
        empty={<EmptyState title="No entries match">Change or clear the filters.</EmptyState>}
      />
    </Card>
  );
}
