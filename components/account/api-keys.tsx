"use client";
import { useCallback, useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/web/api-client";
import { FormField } from "@/components/ui/form-field";
import { Alert, btn, Card, EmptyState, inputClass, td, th, ScrollX } from "@/components/ui/ui";
import { useFormErrors } from "./use-form-errors";
import { statusLabel } from "@/lib/web/status-labels";

export type Key = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  mode: string;
  status: "active" | "expiring" | "revoked";
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  createdBy: { name: string; email: string };
};
const SCOPES = ["orders:write", "orders:read", "catalog:read", "webhooks:manage"] as const;
const GRACE = [
  { label: "at once", seconds: 0 },
  { label: "1 hour", seconds: 3600 },
  { label: "24 hours", seconds: 86400 },
  { label: "7 days", seconds: 7 * 86400 },
];
const when = (iso: string | null) => (iso ? new Date(iso).toISOString().slice(0, 16).replace("T", " ") + " UTC" : "never");

/** Rendered with the server's list; reloaded from the API after each change. */
export function ApiKeys({ demo, initial }: { demo: boolean; initial: Key[] }) {
  const [keys, setKeys] = useState<Key[] | null>(initial);
  const [shown, setShown] = useState<{ name: string; key: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const create = useFormErrors();
  const load = useCallback(async () => {
    const r = await apiFetch<{ data: Key[] }>("/api/account/api-keys");
    if (r.ok) setKeys(r.data.data);
    else setNotice(r.error.message);
  }, []);

  async function onCreate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const fd = new FormData(form);
    create.start();
    const r = await apiFetch<Key & { key: string }>("/api/account/api-keys", {
      method: "POST",
      body: JSON.stringify({ name: String(fd.get("name") ?? "").trim(), scopes: fd.getAll("scopes").map(String), mode: String(fd.get("mode") ?? "live") }),
    });
    if (create.done(r)) {
      form.reset();
      setShown({ name: r.data.name, key: r.data.key });
      await load();
    }
  }
  async function revoke(k: Key) {
    if (!window.confirm(`Revoke "${k.name}" (${k.prefix}…)? Integrations using it stop within a second.`)) return;
    const r = await apiFetch(`/api/account/api-keys/${encodeURIComponent(k.id)}`, { method: "DELETE" });
    setNotice(r.ok ? null : r.error.message);
    await load();
  }
  async function roll(k: Key, graceSeconds: number) {
    const r = await apiFetch<Key & { key: string }>(`/api/account/api-keys/${encodeURIComponent(k.id)}/roll`, {
      method: "POST",
      body: JSON.stringify({ graceSeconds }),
    });
    if (r.ok) setShown({ name: r.data.name, key: r.data.key });
    else setNotice(r.error.message);
    await load();
  }

  return (
    <div className="space-y-4">
      {notice ? <Alert>{notice}</Alert> : null}
      {shown ? (
        <Alert tone="success" testId="new-key">
          <p className="font-medium">Your new key for “{shown.name}”. Copy it now: it is not shown again.</p>
          <code className="mt-1 block break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900" data-testid="new-key-value">
            {shown.key}
          </code>
        </Alert>
      ) : null}
      <Card title="Create a key">
        <form onSubmit={onCreate} className="space-y-3 p-4" noValidate>
          <FormField id="key-name" name="name" label="Name" required path="name" placeholder="ERP integration" error={create.fields.name} />
          <fieldset>
            <legend className="mb-1 text-[13px] font-medium text-slate-700">Scopes</legend>
            <div className="flex flex-wrap gap-4 text-sm">
              {SCOPES.map((s) => (
                <label key={s} className="flex items-center gap-1.5">
                  <input type="checkbox" name="scopes" value={s} defaultChecked={s !== "webhooks:manage"} data-testid={`scope-${s}`} />
                  <code className="font-mono text-xs">{s}</code>
                </label>
              ))}
            </div>
            {create.fields.scopes ? <p className="mt-1 text-xs text-red-700">{create.fields.scopes}</p> : null}
          </fieldset>
          {demo ? (
            <div>
              <label htmlFor="key-mode" className="mb-1 block text-[13px] font-medium text-slate-700">
                Mode
              </label>
              <select id="key-mode" name="mode" defaultValue="live" className={`${inputClass} w-56`}>
                <option value="live">live (pk_live_)</option>
                <option value="test">test (pk_test_, the demo&apos;s simulators)</option>
              </select>
            </div>
          ) : null}
          {create.message && !create.fields.name && !create.fields.scopes ? <p className="text-sm text-red-700">{create.message}</p> : null}
          <button type="submit" className={btn.primary} disabled={create.pending} data-testid="create-key">
            {create.pending ? "Creating…" : "Create key"}
          </button>
        </form>
      </Card>
      <Card title="Keys">
        {!keys ? (
          <EmptyState title="Loading…" />
        ) : keys.length === 0 ? (
          <EmptyState title="No keys yet" />
        ) : (
          <ScrollX>
            <table className="w-full text-sm" data-testid="keys-table">
              <thead>
                <tr className="text-left">
                  <th className={th}>Name</th>
                  <th className={th}>Key</th>
                  <th className={th}>Scopes</th>
                  <th className={th}>Created by</th>
                  <th className={th}>Last used</th>
                  <th className={th}>Status</th>
                  <th className={th} />
                </tr>
              </thead>
              <tbody>
                {keys.map((k) => (
                  <tr key={k.id} className="border-t border-slate-100" data-testid={`key-${k.prefix}`}>
                    <td className={td}>{k.name}</td>
                    <td className={`${td} font-mono text-xs`}>{k.prefix}…</td>
                    <td className={`${td} font-mono text-xs`}>{k.scopes.join(" ")}</td>
                    <td className={td}>{k.createdBy.name}</td>
                    <td className={td}>{when(k.lastUsedAt)}</td>
                    <td className={td}>{k.status === "expiring" ? `until ${when(k.expiresAt)}` : statusLabel(k.status)}</td>
                    <td className={`${td} whitespace-nowrap text-right`}>
                      {k.status === "active" ? (
                        <>
                          <select
                            aria-label={`Roll ${k.name}`}
                            defaultValue=""
                            className={`${inputClass} mr-2 inline-block w-40`}
                            onChange={(e) => {
                              if (e.target.value !== "") void roll(k, Number(e.target.value));
                              e.target.value = "";
                            }}
                          >
                            <option value="">Roll, old key valid…</option>
                            {GRACE.map((g) => (
                              <option key={g.seconds} value={g.seconds}>
                                {g.label}
                              </option>
                            ))}
                          </select>
                          <button type="button" className={btn.danger} onClick={() => void revoke(k)}>
                            Revoke
                          </button>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollX>
        )}
      </Card>
    </div>
  );
}
