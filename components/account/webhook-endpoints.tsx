"use client";
import { useCallback, useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/web/api-client";
import { FormField } from "@/components/ui/form-field";
import { Alert, btn, Card, EmptyState, td, th, ScrollX } from "@/components/ui/ui";
import { useFormErrors } from "./use-form-errors";
import { statusLabel } from "@/lib/web/status-labels";
import { OUTBOUND_EVENTS } from "@/lib/outbound/events";

export type Endpoint = { id: string; url: string; description: string | null; events: string[]; status: "enabled" | "disabled"; disabledReason: string | null };
type Delivery = {
  id: string;
  eventType: string;
  sequence: number;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
};
const EVENTS = OUTBOUND_EVENTS;

/** Owners: endpoints, their signing secret, a test event and the delivery log. */
export function WebhookEndpoints({ initial }: { initial: Endpoint[] }) {
  const [endpoints, setEndpoints] = useState(initial);
  const [secret, setSecret] = useState<{ id: string; value: string } | null>(null);
  const [log, setLog] = useState<{ id: string; data: Delivery[] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const create = useFormErrors();
  const reload = useCallback(async () => {
    const r = await apiFetch<{ data: Endpoint[] }>("/api/account/webhooks");
    if (r.ok) setEndpoints(r.data.data);
  }, []);

  async function onCreate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const fd = new FormData(form);
    create.start();
    const r = await apiFetch<Endpoint & { secret: string }>("/api/account/webhooks", {
      method: "POST",
      body: JSON.stringify({
        url: String(fd.get("url") ?? "").trim(),
        events: fd.getAll("events").map(String),
        description: String(fd.get("description") ?? "").trim() || undefined,
      }),
    });
    if (create.done(r)) {
      form.reset();
      setSecret({ id: r.data.id, value: r.data.secret });
      await reload();
    }
  }
  async function act(ep: Endpoint, what: "test" | "toggle" | "delete" | "secret" | "log") {
    const base = `/api/account/webhooks/${encodeURIComponent(ep.id)}`;
    if (what === "secret") {
      const r = await apiFetch<{ secret: string }>(`${base}/secret`);
      if (r.ok) setSecret({ id: ep.id, value: r.data.secret });
      return;
    }
    if (what === "log") {
      const r = await apiFetch<{ data: Delivery[] }>(`${base}/deliveries`);
      if (r.ok) setLog({ id: ep.id, data: r.data.data });
      return;
    }
    const r =
      what === "test"
        ? await apiFetch(`${base}/test`, { method: "POST" })
        : what === "delete"
          ? await apiFetch(base, { method: "DELETE" })
          : await apiFetch(base, { method: "PATCH", body: JSON.stringify({ enabled: ep.status === "disabled" }) });
    setNotice(r.ok ? (what === "test" ? "Test event queued." : null) : r.error.message);
    await reload();
  }

  async function resend(ep: Endpoint, d: Delivery) {
    const base = `/api/account/webhooks/${encodeURIComponent(ep.id)}`;
    const r = await apiFetch(`${base}/deliveries/${encodeURIComponent(d.id)}/resend`, { method: "POST" });
    setNotice(r.ok ? `${d.eventType} (${d.sequence}) queued again.` : r.error.message);
  }
  async function recover(ep: Endpoint) {
    const r = await apiFetch<{ requeued: number }>(`/api/account/webhooks/${encodeURIComponent(ep.id)}/recover`, {
      method: "POST",
      body: JSON.stringify({ since: new Date(Date.now() - 24 * 3600_000).toISOString() }),
    });
    setNotice(r.ok ? `${r.data.requeued} failed deliveries queued again.` : r.error.message);
  }

  return (
    <div className="space-y-4">
      {notice ? <Alert tone="info">{notice}</Alert> : null}
      {secret ? (
        <Alert tone="success" testId="webhook-secret">
          Signing secret (Standard Webhooks):{" "}
          <code className="break-all font-mono text-xs" data-testid="webhook-secret-value">
            {secret.value}
          </code>
        </Alert>
      ) : null}
      <Card title="Add an endpoint">
        <form onSubmit={onCreate} className="space-y-3 p-4" noValidate>
          <FormField
            id="webhook-url"
            name="url"
            type="url"
            label="URL"
            required
            path="url"
            placeholder="https://erp.example.com/hooks/portal"
            error={create.fields.url}
          />
          <FormField id="webhook-description" name="description" label="Description" path="description" />
          <fieldset>
            <legend className="mb-1 text-[13px] font-medium text-slate-700">Events</legend>
            <div className="flex flex-wrap gap-4 text-sm">
              {EVENTS.map((ev) => (
                <label key={ev} className="flex items-center gap-1.5">
                  <input
                    type="checkbox"
                    name="events"
                    value={ev}
                    defaultChecked={ev.startsWith("order.") && ev !== "order.updated"}
                    data-testid={`event-${ev}`}
                  />
                  <code className="font-mono text-xs">{ev}</code>
                </label>
              ))}
            </div>
          </fieldset>
          {create.message && !create.fields.url ? <p className="text-sm text-red-700">{create.message}</p> : null}
          <button type="submit" className={btn.primary} disabled={create.pending} data-testid="add-webhook">
            Add endpoint
          </button>
        </form>
      </Card>
      <Card title="Endpoints">
        {endpoints.length === 0 ? (
          <EmptyState title="No endpoints yet" />
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {endpoints.map((ep) => (
              <li key={ep.id} className="space-y-1 px-4 py-3" data-testid="webhook-endpoint">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-mono text-xs">{ep.url}</span>
                  <span className={ep.status === "enabled" ? "text-emerald-700" : "text-red-700"}>
                    {ep.status === "enabled" ? "enabled" : `disabled: ${ep.disabledReason ?? ""}`}
                  </span>
                </div>
                <div className="text-xs text-slate-500">{ep.events.join(", ")}</div>
                <div className="flex flex-wrap gap-2">
                  <button type="button" className={btn.secondary} onClick={() => void act(ep, "test")} data-testid="webhook-test">
                    Send test event
                  </button>
                  <button type="button" className={btn.secondary} onClick={() => void act(ep, "log")}>
                    Deliveries
                  </button>
                  <button
                    type="button"
                    className={btn.secondary}
                    onClick={() => void recover(ep)}
                    title="Send again every failed delivery of the last 24 hours"
                  >
                    Recover last 24 h
                  </button>
                  <button type="button" className={btn.secondary} onClick={() => void act(ep, "secret")}>
                    Show secret
                  </button>
                  <button type="button" className={btn.secondary} onClick={() => void act(ep, "toggle")}>
                    {ep.status === "enabled" ? "Disable" : "Enable"}
                  </button>
                  <button type="button" className={btn.danger} onClick={() => void act(ep, "delete")}>
                    Remove
                  </button>
                </div>
                {log?.id === ep.id ? (
                  <ScrollX>
                    <table className="mt-2 w-full text-xs" data-testid="webhook-log">
                      <thead>
                        <tr className="text-left">
                          <th className={th}>Event</th>
                          <th className={th}>Seq</th>
                          <th className={th}>Status</th>
                          <th className={th}>Attempts</th>
                          <th className={th}>Last answer</th>
                          <th className={th} />
                        </tr>
                      </thead>
                      <tbody>
                        {log.data.map((d) => (
                          <tr key={d.id} className="border-t border-slate-100">
                            <td className={td}>{d.eventType}</td>
                            <td className={td}>{d.sequence}</td>
                            <td className={td}>{statusLabel(d.status)}</td>
                            <td className={td}>{d.attempts}</td>
                            <td className={td}>{d.lastStatusCode ?? d.lastError ?? "–"}</td>
                            <td className={`${td} text-right`}>
                              <button type="button" className={btn.ghost} onClick={() => void resend(ep, d)}>
                                Resend
                              </button>
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </ScrollX>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
