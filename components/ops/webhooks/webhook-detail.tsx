"use client";
import { useEffect, useState } from "react";
import { apiFetch } from "@/lib/web/api-client";
import type { WebhookEventDetail } from "@/lib/webhooks/list-webhook-events";
import { DateTime } from "@/components/ui/date-time";
import { Alert, btn, inputClass } from "@/components/ui/ui";
import type { ActionMessage } from "./webhook-log";

type Attached = { message: string; outcome: string | null; order: { number: string } };

/** One event: its headers, its body pretty-printed (verified ones), its history, and "Attach to order" for a flagged one. */
export function WebhookDetail({ id, attachOpen, onAttached }: { id: string; attachOpen: boolean; onAttached: (m: ActionMessage) => void }) {
  const [ev, setEv] = useState<WebhookEventDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [order, setOrder] = useState("");
  const [attachError, setAttachError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [seq, setSeq] = useState(0);

  useEffect(() => {
    let live = true;
    void apiFetch<WebhookEventDetail>(`/api/ops/webhooks/${id}`).then((r) => {
      if (!live) return;
      if (r.ok) setEv(r.data);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [id, seq]);

  async function attach(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setAttachError(null);
    const r = await apiFetch<Attached>(`/api/ops/webhooks/${id}/attach`, { method: "POST", body: JSON.stringify({ orderId: order.trim() }) });
    setBusy(false);
    if (!r.ok) {
      const fields = r.error.fields ? Object.values(r.error.fields).join("; ") : "";
      return setAttachError(fields || r.error.message);
    }
    setSeq((s) => s + 1);
    onAttached({ tone: r.data.outcome === "applied" ? "success" : "info", text: `Attached to order ${r.data.order.number}: ${r.data.message}` });
  }

  if (error)
    return (
      <div className="p-4">
        <Alert>{error}</Alert>
      </div>
    );
  if (!ev) return <p className="px-4 py-3 text-sm text-slate-500">Loading…</p>;
  return (
    <div className="grid min-w-0 gap-4 bg-slate-50 px-4 py-3 md:grid-cols-2" data-testid="webhook-detail" data-id={ev.id}>
      <div className="min-w-0 space-y-3">
        <section>
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Headers</h3>
          <dl className="mt-1 grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-3 gap-y-0.5 font-mono text-[12px]" data-testid="webhook-headers">
            {Object.entries(ev.headers ?? {}).map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-slate-600">{k}</dt>
                <dd className="break-all text-slate-900">{v}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section>
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">History</h3>
          <ol className="mt-1 space-y-1 text-sm" data-testid="webhook-history">
            {ev.history.map((h, i) => (
              <li key={i} className="text-slate-700">
                <DateTime iso={h.at} withSeconds /> · {h.kind === "received" ? "Received" : h.kind === "replay" ? "Replayed" : "Attached"}
                {"actor" in h ? ` by ${h.actor}` : ""}
                {"previousOutcome" in h ? ` (was ${h.previousOutcome})` : ""}: {h.message}
              </li>
            ))}
            {ev.processedAt ? (
              <li className="text-slate-700">
                <DateTime iso={ev.processedAt} withSeconds /> · Processed: {ev.outcome}
                {ev.reason ? ` (${ev.reason})` : ""}
              </li>
            ) : null}
          </ol>
        </section>
        {ev.canAttach ? (
          <form onSubmit={(e) => void attach(e)} className="space-y-2 rounded-md border border-amber-200 bg-white p-3" data-testid="webhook-attach-form">
            <label className="block text-sm font-medium text-slate-800" htmlFor={`attach-${ev.id}`}>
              Attach to order: order number or id
            </label>
            <p className="text-xs text-slate-600">
              The event is linked to that order&apos;s supplier order at {ev.supplier?.name ?? ev.source} and applied through the normal path.
            </p>
            <div className="flex flex-wrap gap-2">
              <input
                id={`attach-${ev.id}`}
                value={order}
                onChange={(e) => setOrder(e.target.value)}
                className={`${inputClass} max-w-xs`}
                placeholder="PXSTKL0000347"
                required
                autoFocus={attachOpen}
                aria-invalid={attachError ? true : undefined}
                data-testid="webhook-attach-order"
              />
              <button type="submit" className={btn.primary} disabled={busy || !order.trim()} data-testid="webhook-attach-submit">
                Attach and apply
              </button>
            </div>
            {attachError ? <Alert testId="webhook-attach-error">{attachError}</Alert> : null}
          </form>
        ) : null}
      </div>
      <section className="min-w-0">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Body</h3>
        {ev.body !== null ? (
          <pre
            className="mt-1 max-h-96 overflow-auto rounded-md border border-slate-200 bg-white p-2 text-[12px] text-slate-900"
            tabIndex={0}
            data-testid="webhook-body"
          >
            {JSON.stringify(ev.body, null, 2)}
          </pre>
        ) : ev.rawBody ? (
          <pre
            className="mt-1 max-h-96 overflow-auto whitespace-pre-wrap break-all rounded-md border border-slate-200 bg-white p-2 text-[12px]"
            tabIndex={0}
            data-testid="webhook-body"
          >
            {ev.rawBody}
          </pre>
        ) : (
          <p className="mt-1 text-sm text-slate-600" data-testid="webhook-body">
            Not kept: only verified requests keep their body.
          </p>
        )}
      </section>
    </div>
  );
}
