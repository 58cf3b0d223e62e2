"use client";
import Link from "next/link";
import { useCallback, useState } from "react";
import { apiFetch, qs } from "@/lib/web/api-client";
import type { WebhookEventView } from "@/lib/webhooks/list-webhook-events";
import { DateTime } from "@/components/ui/date-time";
import { PagedTable, type Column } from "@/components/ui/paged-table";
import { Alert, Card, EmptyState, btn, inputClass } from "@/components/ui/ui";
import { usePagedList } from "@/components/hooks/use-paged-list";
import { WebhookDetail } from "./webhook-detail";
import { OutcomeBadge, latency } from "./outcome-badge";

type Filters = { supplier: string; outcome: string; orderId: string; from: string; to: string; verified: string };
const EMPTY: Filters = { supplier: "", outcome: "", orderId: "", from: "", to: "", verified: "" };
const OUTCOMES: [string, string][] = [
  ["", "Any outcome"],
  ["applied", "Applied"],
  ["duplicate", "Duplicate"],
  ["ignored", "Ignored as older"],
  ["flagged", "Flagged (needs ops)"],
  ["unknown_order", "Unknown order"],
  ["mismatch", "Ids do not match"],
  ["unknown_event", "Unknown event type"],
  ["failed", "Failed"],
  ["rejected", "Rejected"],
  ["pending", "Pending"],
];

/** A datetime-local value ("2026-12-04T10:00", the viewer's time) as ISO for the API. */
const iso = (local: string) => (local ? new Date(local).toISOString() : "");
const apiFilters = (f: Filters) => ({ ...f, from: iso(f.from), to: iso(f.to) });

export type ActionMessage = { tone: "success" | "error" | "info"; text: string };

/** The ops webhook log: filters, the table, a row's detail, and replays. */
export function WebhookLog({
  suppliers,
  initialEvent,
  initialOrder,
}: {
  suppliers: { slug: string; name: string }[];
  initialEvent: string;
  initialOrder: string;
}) {
  const [filters, setFilters] = useState<Filters>({ ...EMPTY, orderId: initialOrder });
  const [open, setOpen] = useState<string | null>(null);
  const [attachFor, setAttachFor] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<ActionMessage | null>(null);
  const url = useCallback((cursor: string | null, limit: number) => `/api/ops/webhooks${qs({ ...apiFilters(filters), cursor, limit })}`, [filters]);
  const list = usePagedList<WebhookEventView>(url);
  const set = (k: keyof Filters) => (e: { target: { value: string } }) => {
    setConfirming(false);
    setFilters((f) => ({ ...f, [k]: e.target.value }));
  };

  async function replayOne(r: WebhookEventView) {
    setBusy(true);
    const res = await apiFetch<{ message: string; outcome: string | null }>(`/api/ops/webhooks/${r.id}/replay`, { method: "POST", body: "{}" });
    setBusy(false);
    setMessage(
      res.ok
        ? { tone: res.data.outcome === null ? "info" : "success", text: `Replay of ${r.eventId ?? r.id}: ${res.data.message}` }
        : { tone: "error", text: res.error.message },
    );
    list.refresh();
  }

  async function replayThese() {
    setBusy(true);
    const res = await apiFetch<{ replayed: number; done: number; duplicates: number; more: boolean }>("/api/ops/webhooks/replay", {
      method: "POST",
      body: JSON.stringify({ ...Object.fromEntries(Object.entries(apiFilters(filters)).filter(([, v]) => v !== "")), limit: 500 }),
    });
    setBusy(false);
    setConfirming(false);
    if (!res.ok) return setMessage({ tone: "error", text: res.error.message });
    const d = res.data;
    setMessage({
      tone: "success",
      text: `Replayed ${d.replayed} event${d.replayed === 1 ? "" : "s"}: ${d.duplicates} duplicate (already applied, nothing changed), ${d.done - d.duplicates} processed again, ${d.replayed - d.done} still queued${d.more ? ". More matched: narrow the filters for the rest." : "."}`,
    });
    list.refresh();
  }

  const columns: Column<WebhookEventView>[] = [
    { id: "received", header: "Received", className: "whitespace-nowrap text-slate-600", cell: (r) => <DateTime iso={r.receivedAt} withSeconds /> },
    { id: "supplier", header: "Supplier", className: "whitespace-nowrap", cell: (r) => r.supplier?.name ?? r.source },
    {
      id: "type",
      header: "Event",
      cell: (r) => (
        <>
          <div className="font-mono text-[12px]">{r.eventType ?? "—"}</div>
          {r.eventId ? <div className="font-mono text-[11px] text-slate-500">{r.eventId}</div> : null}
        </>
      ),
    },
    { id: "verified", header: "Verified", cell: (r) => (r.verified ? "Yes" : <span className="text-red-700">No</span>) },
    {
      id: "outcome",
      header: "Outcome",
      className: "min-w-48",
      cell: (r) => (
        <>
          <OutcomeBadge outcome={r.outcome} />
          {r.reason ? <div className="mt-0.5 max-w-72 break-words text-xs text-slate-600">{r.reason}</div> : null}
          {r.lastReplayOutcome ? (
            <div className="mt-0.5 text-xs text-slate-600" data-testid="webhook-last-replay">
              Last replay: {r.lastReplayOutcome}
            </div>
          ) : null}
        </>
      ),
    },
    {
      id: "order",
      header: "Order",
      className: "whitespace-nowrap",
      cell: (r) =>
        r.order ? (
          <Link href={`/ops/orders/${r.order.id}`} className="font-mono text-[12px] text-sky-700 underline underline-offset-2">
            {r.order.number ?? r.order.id.slice(0, 8)}
          </Link>
        ) : r.reference ? (
          <span className="font-mono text-[12px] text-slate-600" title="The reference the supplier named">
            {r.reference}
          </span>
        ) : (
          "—"
        ),
    },
    { id: "latency", header: "Latency", align: "right", className: "whitespace-nowrap tabular-nums", cell: (r) => latency(r.latencyMs) },
    {
      id: "actions",
      header: <span className="sr-only">Actions</span>,
      className: "whitespace-nowrap",
      cell: (r) => (
        <div className="flex gap-1.5">
          <button
            type="button"
            className={btn.ghost}
            aria-expanded={open === r.id}
            onClick={() => setOpen(open === r.id ? null : r.id)}
            data-testid="webhook-details"
          >
            {open === r.id ? "Hide" : "Details"}
            <span className="sr-only"> of event {r.eventId ?? r.id}</span>
          </button>
          {r.canReplay ? (
            <button type="button" className={btn.secondary} disabled={busy} onClick={() => void replayOne(r)} data-testid="webhook-replay">
              Replay<span className="sr-only"> event {r.eventId}</span>
            </button>
          ) : null}
          {r.canAttach ? (
            <button
              type="button"
              className={btn.primary}
              onClick={() => {
                setOpen(r.id);
                setAttachFor(r.id);
              }}
              data-testid="webhook-attach"
            >
              Attach to order<span className="sr-only"> (event {r.eventId})</span>
            </button>
          ) : null}
        </div>
      ),
    },
  ];

  return (
    <div className="space-y-4">
      {message ? (
        <Alert tone={message.tone} testId="webhook-action-result">
          {message.text}
        </Alert>
      ) : null}
      {initialEvent ? (
        <Card title="Event">
          <WebhookDetail id={initialEvent} attachOpen={false} onAttached={(m) => (setMessage(m), list.refresh())} />
        </Card>
      ) : null}
      <Card
        title="Inbound webhooks"
        actions={
          <button type="button" className={btn.ghost} onClick={list.refresh}>
            Refresh
          </button>
        }
      >
        <form className="grid grid-cols-1 gap-3 border-b border-slate-100 px-4 py-3 sm:grid-cols-3 lg:grid-cols-6" onSubmit={(e) => e.preventDefault()}>
          <label className="text-xs font-medium text-slate-600">
            Supplier
            <select value={filters.supplier} onChange={set("supplier")} className={`${inputClass} mt-1`} data-testid="webhooks-filter-supplier">
              <option value="">All suppliers</option>
              {suppliers.map((s) => (
                <option key={s.slug} value={s.slug}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="text-xs font-medium text-slate-600">
            Outcome
            <select value={filters.outcome} onChange={set("outcome")} className={`${inputClass} mt-1`} data-testid="webhooks-filter-outcome">
              {OUTCOMES.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <label className="text-xs font-medium text-slate-600">
            Order number or id
            <input
              value={filters.orderId}
              onChange={set("orderId")}
              className={`${inputClass} mt-1`}
              placeholder="PXSTKL…"
              data-testid="webhooks-filter-order"
            />
          </label>
          <label className="text-xs font-medium text-slate-600">
            Received from
            <input type="datetime-local" value={filters.from} onChange={set("from")} className={`${inputClass} mt-1`} data-testid="webhooks-filter-from" />
          </label>
          <label className="text-xs font-medium text-slate-600">
            Received before
            <input type="datetime-local" value={filters.to} onChange={set("to")} className={`${inputClass} mt-1`} data-testid="webhooks-filter-to" />
          </label>
          <label className="text-xs font-medium text-slate-600">
            Signature
            <select value={filters.verified} onChange={set("verified")} className={`${inputClass} mt-1`} data-testid="webhooks-filter-verified">
              <option value="">Verified or not</option>
              <option value="true">Verified</option>
              <option value="false">Not verified</option>
            </select>
          </label>
        </form>
        <div className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-4 py-2.5">
          {confirming ? (
            <>
              <span className="text-sm text-slate-700">Replay up to 500 verified events these filters select? Applied ones will not change.</span>
              <button type="button" className={btn.primary} disabled={busy} onClick={() => void replayThese()} data-testid="webhooks-replay-confirm">
                Confirm replay
              </button>
              <button type="button" className={btn.secondary} onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </>
          ) : (
            <button
              type="button"
              className={btn.secondary}
              disabled={busy || list.rows.length === 0}
              onClick={() => setConfirming(true)}
              data-testid="webhooks-replay-these"
            >
              Replay these
            </button>
          )}
        </div>
        <PagedTable
          testId="webhooks-table"
          columns={columns}
          rows={list.rows}
          rowKey={(r) => r.id}
          rowAttributes={(r) => ({ "data-testid": "webhook-row", "data-id": r.id, "data-outcome": r.outcome, "data-event-id": r.eventId ?? "" })}
          detail={(r) =>
            open === r.id ? (
              <WebhookDetail
                id={r.id}
                attachOpen={attachFor === r.id}
                onAttached={(m) => {
                  setAttachFor(null);
                  setMessage(m);
                  list.refresh();
                }}
              />
            ) : null
          }
          loading={list.loading}
          error={list.error}
          paging={list.paging}
          empty={<EmptyState title="No webhooks match these filters" />}
        />
      </Card>
    </div>
  );
}
