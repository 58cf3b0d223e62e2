"use client";
import Link from "next/link";
import { useCallback, useState } from "react";
import { apiFetch, qs } from "@/lib/web/api-client";
import type { FailedWorkItem } from "@/lib/ops/failed-work/list-failed-work";
import type { Page } from "@/lib/web/types";
import { DateTime } from "@/components/ui/date-time";
import { PagedTable, type Column } from "@/components/ui/paged-table";
import { Alert, Card, EmptyState, btn, inputClass } from "@/components/ui/ui";
import { usePagedList } from "@/components/hooks/use-paged-list";

type Counts = { queue: string; failed: number; dead: number; stalled: number }[];
type JobsPage = Page<FailedWorkItem> & { counts?: Counts };
type Result = { done: { id: string }[]; skipped: { id: string; reason: string }[]; notFound: string[] };

const STATE_LABEL: Record<string, [string, string]> = {
  failed: ["Failed", "bg-red-50 text-red-800 ring-red-200"],
  dead: ["Given up", "bg-red-50 text-red-800 ring-red-200"],
  stalled: ["Stalled", "bg-amber-50 text-amber-900 ring-amber-200"],
};

/** Failed, stalled and given-up work of every queue: counts, the list, retry or discard one or many. */
export function FailedJobs({ queues }: { queues: string[] }) {
  const [queue, setQueue] = useState("");
  const [state, setState] = useState("");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirmDiscard, setConfirmDiscard] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const url = useCallback((cursor: string | null, limit: number) => `/api/ops/jobs${qs({ queue, state, cursor, limit })}`, [queue, state]);
  const list = usePagedList<FailedWorkItem, JobsPage>(url);
  const counts = list.head?.counts ?? [];

  async function act(kind: "retry" | "discard", body: { ids: string[] } | { queue: string }) {
    setBusy(true);
    const r = await apiFetch<Result>(`/api/ops/jobs/${kind}`, { method: "POST", body: JSON.stringify(body) });
    setBusy(false);
    setConfirmDiscard(null);
    if (!r.ok) return setMessage({ tone: "error", text: r.error.message });
    const verb = kind === "retry" ? "Retried" : "Discarded";
    const extra = [
      r.data.skipped.length ? `${r.data.skipped.length} skipped (${r.data.skipped.map((s) => s.reason).join(", ")})` : "",
      r.data.notFound.length ? `${r.data.notFound.length} no longer there` : "",
    ].filter(Boolean);
    setMessage({
      tone: "success",
      text: `${verb} ${r.data.done.length} job${r.data.done.length === 1 ? "" : "s"}${extra.length ? `; ${extra.join("; ")}` : ""}.`,
    });
    setSelected(new Set());
    list.refresh();
  }

  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const allShown = list.rows.length > 0 && list.rows.every((r) => selected.has(r.id));

  const columns: Column<FailedWorkItem>[] = [
    {
      id: "select",
      header: (
        <input
          type="checkbox"
          aria-label="Select all shown"
          checked={allShown}
          onChange={() => setSelected(allShown ? new Set() : new Set(list.rows.map((r) => r.id)))}
          data-testid="jobs-select-all"
        />
      ),
      cell: (r) => (
        <input
          type="checkbox"
          aria-label={`Select ${r.name} job ${r.id}`}
          checked={selected.has(r.id)}
          onChange={() => toggle(r.id)}
          data-testid="job-select"
        />
      ),
    },
    { id: "queue", header: "Queue", className: "whitespace-nowrap font-mono text-[12px]", cell: (r) => r.queue },
    { id: "name", header: "Job", className: "whitespace-nowrap font-mono text-[12px]", cell: (r) => r.name },
    {
      id: "subject",
      header: "Subject",
      className: "min-w-48",
      cell: (r) =>
        r.about?.href ? (
          <Link href={r.about.href} className="text-sky-700 underline underline-offset-2">
            {r.about.label}
          </Link>
        ) : (
          <span className="font-mono text-[12px] text-slate-700">{r.about?.label ?? r.subject ?? "—"}</span>
        ),
    },
    {
      id: "state",
      header: "State",
      cell: (r) => {
        const [label, tone] = STATE_LABEL[r.state] ?? [r.state, "bg-slate-100 text-slate-700 ring-slate-200"];
        return (
          <span data-state={r.state} className={`inline-flex whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}>
            {label}
          </span>
        );
      },
    },
    { id: "attempts", header: "Attempts", align: "right", className: "tabular-nums", cell: (r) => `${r.attempts} / ${r.maxAttempts}` },
    { id: "error", header: "Last error", className: "min-w-64", cell: (r) => <span className="break-words text-xs text-slate-700">{r.lastError ?? "—"}</span> },
    { id: "at", header: "Failed at", className: "whitespace-nowrap text-slate-600", cell: (r) => <DateTime iso={r.failedAt} withSeconds /> },
    {
      id: "actions",
      header: <span className="sr-only">Actions</span>,
      className: "whitespace-nowrap",
      cell: (r) => (
        <div className="flex gap-1.5">
          <button type="button" className={btn.secondary} disabled={busy} onClick={() => void act("retry", { ids: [r.id] })} data-testid="job-retry">
            Retry<span className="sr-only"> job {r.id}</span>
          </button>
          <button type="button" className={btn.danger} disabled={busy} onClick={() => setConfirmDiscard([r.id])} data-testid="job-discard">
            Discard<span className="sr-only"> job {r.id}</span>
          </button>
        </div>
      ),
    },
  ];

  return (
    <div className="space-y-4">
      <Card title="Per queue">
        <ul className="grid grid-cols-1 gap-2 p-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="jobs-counts">
          {(counts.length ? counts : queues.map((q) => ({ queue: q, failed: 0, dead: 0, stalled: 0 }))).map((c) => (
            <li key={c.queue} className="rounded-md border border-slate-200 px-3 py-2" data-testid="jobs-count" data-queue={c.queue} data-failed={c.failed}>
              <div className="font-mono text-[12px] text-slate-800">{c.queue}</div>
              <div className="text-sm text-slate-700">
                <span className={c.failed ? "font-semibold text-red-700" : ""}>{c.failed} failed</span> · {c.dead} given up · {c.stalled} stalled
              </div>
            </li>
          ))}
        </ul>
      </Card>
      {message ? (
        <Alert tone={message.tone} testId="jobs-action-result">
          {message.text}
        </Alert>
      ) : null}
      <Card
        title="Failed work"
        actions={
          <button type="button" className={btn.ghost} onClick={list.refresh}>
            Refresh
          </button>
        }
      >
        <div className="flex flex-wrap items-end gap-3 border-b border-slate-100 px-4 py-3">
          <label className="text-xs font-medium text-slate-600">
            Queue
            <select value={queue} onChange={(e) => setQueue(e.target.value)} className={`${inputClass} mt-1 w-auto`} data-testid="jobs-filter-queue">
              <option value="">All queues</option>
              {queues.map((q) => (
                <option key={q} value={q}>
                  {q}
                </option>
              ))}
            </select>
          </label>
          <label className="text-xs font-medium text-slate-600">
            State
            <select value={state} onChange={(e) => setState(e.target.value)} className={`${inputClass} mt-1 w-auto`} data-testid="jobs-filter-state">
              <option value="">Failed, given up or stalled</option>
              <option value="failed">Failed (in the queue)</option>
              <option value="dead">Given up (in Postgres)</option>
              <option value="stalled">Stalled</option>
            </select>
          </label>
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className={btn.primary}
              disabled={busy || selected.size === 0}
              onClick={() => void act("retry", { ids: [...selected] })}
              data-testid="jobs-retry-selected"
            >
              Retry selected ({selected.size})
            </button>
            <button
              type="button"
              className={btn.danger}
              disabled={busy || selected.size === 0}
              onClick={() => setConfirmDiscard([...selected])}
              data-testid="jobs-discard-selected"
            >
              Discard selected ({selected.size})
            </button>
            {queue ? (
              <button type="button" className={btn.secondary} disabled={busy} onClick={() => void act("retry", { queue })} data-testid="jobs-retry-queue">
                Retry all failed in {queue}
              </button>
            ) : null}
          </div>
        </div>
        {confirmDiscard ? (
          <div className="flex flex-wrap items-center gap-2 border-b border-slate-100 bg-red-50 px-4 py-2.5">
            <span className="text-sm text-red-800">
              Discard {confirmDiscard.length} job{confirmDiscard.length === 1 ? "" : "s"}? The work will not run; its order or email stays as it is.
            </span>
            <button
              type="button"
              className={btn.danger}
              disabled={busy}
              onClick={() => void act("discard", { ids: confirmDiscard })}
              data-testid="jobs-discard-confirm"
            >
              Confirm discard
            </button>
            <button type="button" className={btn.secondary} onClick={() => setConfirmDiscard(null)}>
              Cancel
            </button>
          </div>
        ) : null}
        <PagedTable
          testId="jobs-table"
          columns={columns}
          rows={list.rows}
          rowKey={(r) => r.id}
          rowAttributes={(r) => ({ "data-testid": "job-row", "data-id": r.id, "data-queue": r.queue, "data-state": r.state })}
          loading={list.loading}
          error={list.error}
          paging={list.paging}
          empty={<EmptyState title="No failed work">Nothing failed, stalled or given up.</EmptyState>}
        />
      </Card>
    </div>
  );
}
