"use client";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import type { ExceptionDto } from "@/lib/ops/exceptions/list-exceptions";
import { EXCEPTION_KINDS, KIND_INFO, type ExceptionAction, type ExceptionKind } from "@/lib/ops/exceptions/kinds";
import { Alert, btn, Card, EmptyState, inputClass } from "@/components/ui/ui";
import { DateTime, TimeAgo } from "@/components/ui/date-time";

type Page = { data: ExceptionDto[]; nextCursor: string | null; counts: { open: number; byKind: Partial<Record<ExceptionKind, number>> } };

const ACTION_LABEL: Record<ExceptionAction, string> = { retry: "Retry", reroute: "Reroute", cancel: "Cancel order", resolve: "Mark resolved" };

/** The exceptions queue: what needs a human, oldest first, each with its actions; or what was resolved. */
export function ExceptionsView() {
  const [status, setStatus] = useState<"open" | "resolved">("open");
  const [kind, setKind] = useState<ExceptionKind | "">("");
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    () =>
      apiFetch<Page>(`/api/ops/exceptions?status=${status}${kind ? `&kind=${kind}` : ""}&limit=100`).then((res) => {
        if (res.ok) {
          setPage(res.data);
          setError(null);
        } else if (res.status === 401) redirectToLogin();
        else setError(res.error.message);
      }),
    [status, kind],
  );
  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), 15_000);
    return () => clearInterval(t);
  }, [load]);

  const changed = () => {
    window.dispatchEvent(new Event("portal:exceptions-changed"));
    void load();
  };

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Filter">
        {(["open", "resolved"] as const).map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={status === s}
            onClick={() => setStatus(s)}
            data-testid={`exceptions-status-${s}`}
            className={`rounded-full border px-3 py-1 text-xs ${status === s ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white text-slate-700"}`}
          >
            {s === "open" ? `Open${page ? ` (${page.counts.open})` : ""}` : "Resolved"}
          </button>
        ))}
        <label className="ml-auto flex items-center gap-1.5 text-xs text-slate-700">
          Reason
          <select
            className="rounded border border-slate-300 bg-white px-2 py-1 text-xs"
            value={kind}
            onChange={(e) => setKind(e.target.value as ExceptionKind | "")}
            data-testid="exceptions-kind"
          >
            <option value="">All</option>
            {EXCEPTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_INFO[k].label}
                {page?.counts.byKind[k] ? ` (${page.counts.byKind[k]})` : ""}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error ? <Alert>{error}</Alert> : null}
      {page && page.data.length === 0 ? (
        <Card>
          <EmptyState title={status === "open" ? "Nothing needs a human right now" : "Nothing resolved yet"}>
            {status === "open" ? "Failed forwards, orders past their supplier's SLA, rejections, flagged webhooks and expiring offers land here." : null}
          </EmptyState>
        </Card>
      ) : (
        <ul className="space-y-2" data-testid="exceptions">
          {page?.data.map((e) => (
            <ExceptionRow key={e.id} e={e} onChanged={changed} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ExceptionRow({ e, onChanged }: { e: ExceptionDto; onChanged: () => void }) {
  const [note, setNote] = useState("");
  const [pending, setPending] = useState<ExceptionAction | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function act(action: ExceptionAction) {
    setPending(action);
    setError(null);
    const res = await apiFetch<unknown>(`/api/ops/exceptions/${encodeURIComponent(e.id)}/${action}`, {
      method: "POST",
      ...(note.trim() ? { body: JSON.stringify({ note: note.trim() }) } : {}),
    });
    setPending(null);
    if (res.ok) onChanged();
    else if (res.status === 401) redirectToLogin();
    else setError(res.error.fields?.note ? `${res.error.message}: ${res.error.fields.note}` : res.error.message);
  }

  return (
    <li className="rounded-lg border border-slate-200 bg-white shadow-xs" data-testid="exception" data-kind={e.kind} data-exception-id={e.id}>
      <div className="flex flex-wrap items-start gap-x-3 gap-y-1 px-4 py-3">
        <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">{e.label}</span>
        <span className="text-xs text-slate-600">
          {e.status === "open" ? (
            <>
              open <TimeAgo iso={e.openedAt} />
            </>
          ) : (
            <>
              resolved <DateTime iso={e.resolvedAt} /> by {e.resolvedBy === "system" ? "the scan" : e.resolvedBy?.replace(/^ops:/, "")}
            </>
          )}
        </span>
        <span className="ml-auto flex flex-wrap gap-3 text-sm">
          {e.order ? (
            <Link className="text-sky-800 underline underline-offset-2" href={`/ops/orders/${encodeURIComponent(e.order.id)}`} data-testid="exception-order">
              {e.order.number} · {e.order.company}
            </Link>
          ) : null}
          {e.offer ? (
            <Link className="text-sky-800 underline underline-offset-2" href="/ops/offers">
              Offer {e.offer.number}
            </Link>
          ) : null}
          {e.webhookEventId ? (
            <Link
              className="text-sky-800 underline underline-offset-2"
              href={`/ops/webhooks?id=${encodeURIComponent(e.webhookEventId)}`}
              data-testid="exception-webhook"
            >
              The webhook
            </Link>
          ) : null}
        </span>
        <p className="w-full text-sm text-slate-900" data-testid="exception-reason">
          {e.reason}
        </p>
        {e.resolution ? <p className="w-full text-sm text-slate-700">{e.resolution}</p> : null}
      </div>
      {e.actions.length ? (
        <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 px-4 py-2.5">
          <input
            className={`${inputClass} min-w-40 flex-1`}
            placeholder="What was done (required to mark resolved)"
            aria-label={`Note on ${e.label}`}
            value={note}
            onChange={(ev) => setNote(ev.target.value)}
            data-testid="exception-note"
          />
          {e.actions.map((a) => (
            <button
              key={a}
              type="button"
              className={a === "cancel" ? btn.danger : a === "resolve" ? btn.secondary : btn.primary}
              disabled={pending !== null}
              onClick={() => void act(a)}
              data-testid={`exception-${a}`}
            >
              {pending === a ? "…" : ACTION_LABEL[a]}
            </button>
          ))}
        </div>
      ) : null}
      {error ? (
        <div className="px-4 pb-3">
          <Alert>{error}</Alert>
        </div>
      ) : null}
    </li>
  );
}
