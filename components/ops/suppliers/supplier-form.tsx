"use client";
import { useState, type FormEvent } from "react";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import { useKindDescription, useSupplierKinds } from "./supplier-kinds";
import type { SupplierKind } from "@/lib/suppliers/types";
import type { SupplierView } from "@/lib/suppliers/admin/types";
import { FormField } from "@/components/ui/form-field";
import { SupplierCredentialFields } from "./supplier-credential-fields";
import { SupplierWebhookFields } from "./supplier-webhook-fields";
import { Alert, btn, inputClass } from "@/components/ui/ui";

type Props = { supplier: SupplierView | null; appUrl: string; onSaved: (s: SupplierView, message: string) => void; onCancel: () => void };

/** "12" → 12 for the API; anything else goes as typed, so the server names the problem. */
const num = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v) : v);

/**
 * One form for adding a supplier (supplier = null) and editing one. Editing
 * sends only what changed; credentials are write-only, so their inputs start
 * empty and an empty one means "keep".
 */
export function SupplierForm({ supplier, appUrl, onSaved, onCancel }: Props) {
  const editing = supplier !== null;
  const idPrefix = editing ? `supplier-${supplier.slug}` : "supplier-new";
  const kinds = useSupplierKinds();
  const [kind, setKind] = useState<SupplierKind>(supplier?.type ?? kinds[0]!.id);
  const described = useKindDescription(kind);
  const [name, setName] = useState(supplier?.name ?? "");
  const [slug, setSlug] = useState(supplier?.slug ?? "");
  const [apiEndpoint, setApiEndpoint] = useState(supplier?.apiEndpoint ?? "");
  const [rate, setRate] = useState(String(supplier?.rateLimitPerSec ?? 5));
  const [timeout, setTimeoutMs] = useState(String(supplier?.timeoutMs ?? 10_000));
  const [failover, setFailover] = useState(String(supplier?.failoverAfterSec ?? 30));
  const [active, setActive] = useState(supplier?.active ?? true);
  const [syncStock, setSyncStock] = useState(String(supplier?.syncStockMinutes ?? 15));
  const [syncCatalog, setSyncCatalog] = useState(String(supplier?.syncCatalogMinutes ?? 60));
  const [creds, setCreds] = useState<Record<string, string>>({});
  const [removed, setRemoved] = useState<string[]>([]);
  const [hook, setHook] = useState({ newSecret: "", keepOld: true, retireOld: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  function body(): Record<string, unknown> | null {
    const names = described.credentialFields.map((f) => f.name);
    const given = Object.fromEntries(names.filter((n) => (creds[n] ?? "") !== "" && !removed.includes(n)).map((n) => [n, creds[n]]));
    if (!editing) {
      return {
        type: kind,
        slug: slug.trim(),
        name,
        apiEndpoint,
        rateLimitPerSec: num(rate),
        timeoutMs: num(timeout),
        failoverAfterSec: num(failover),
        active,
        syncStockMinutes: num(syncStock),
        syncCatalogMinutes: num(syncCatalog),
        credentials: given,
        ...(hook.newSecret ? { webhookSecret: hook.newSecret } : {}),
      };
    }
    const patch: Record<string, unknown> = {};
    if (name !== supplier.name) patch.name = name;
    if (apiEndpoint !== supplier.apiEndpoint) patch.apiEndpoint = apiEndpoint;
    if (rate !== String(supplier.rateLimitPerSec)) patch.rateLimitPerSec = num(rate);
    if (timeout !== String(supplier.timeoutMs)) patch.timeoutMs = num(timeout);
    if (failover !== String(supplier.failoverAfterSec)) patch.failoverAfterSec = num(failover);
    if (active !== supplier.active) patch.active = active;
    if (syncStock !== String(supplier.syncStockMinutes)) patch.syncStockMinutes = num(syncStock);
    if (syncCatalog !== String(supplier.syncCatalogMinutes)) patch.syncCatalogMinutes = num(syncCatalog);
    const credPatch = { ...given, ...Object.fromEntries(removed.map((n) => [n, null])) };
    if (Object.keys(credPatch).length) patch.credentials = credPatch;
    if (hook.newSecret) patch.rotateWebhookSecret = { newSecret: hook.newSecret, keepOld: hook.keepOld };
    if (hook.retireOld) patch.retireOldSecrets = true;
    return Object.keys(patch).length ? patch : null;
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const b = body();
    if (!b) return onCancel();
    setPending(true);
    setErrors({});
    setFormError(null);
    const url = editing ? `/api/ops/suppliers/${encodeURIComponent(supplier.id)}` : "/api/ops/suppliers";
    const res = await apiFetch<SupplierView>(url, { method: editing ? "PATCH" : "POST", body: JSON.stringify(b) });
    setPending(false);
    if (res.ok) return onSaved(res.data, editing ? `Saved ${res.data.name}.` : `Added ${res.data.name}.`);
    if (res.status === 401) return redirectToLogin();
    setErrors(res.error.fields ?? {});
    setFormError(res.error.fields ? "Check the highlighted fields." : res.error.message);
  }

  const err = (k: string) => errors[k];
  const slugForUrl = (editing ? supplier.slug : slug.trim()) || "<slug>";
  return (
    <form onSubmit={onSubmit} noValidate data-testid="supplier-form" data-mode={editing ? "edit" : "create"} className="space-y-5 p-4">
      {formError ? <Alert testId="supplier-form-error">{formError}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor={`${idPrefix}-kind`} className="mb-1 block text-[13px] font-medium text-slate-700">
            Kind
          </label>
          <select
            id={`${idPrefix}-kind`}
            className={inputClass}
            value={kind}
            disabled={editing}
            onChange={(e) => {
              setKind(e.target.value as SupplierKind);
              setCreds({});
            }}
          >
            {kinds.map((k) => (
              <option key={k.id} value={k.id}>
                {k.label}
              </option>
            ))}
          </select>
          {err("type") ? <p className="mt-1 text-xs text-red-700">{err("type")}</p> : null}
        </div>
        <FormField id={`${idPrefix}-name`} path="name" label="Name" required value={name} error={err("name")} onChange={(e) => setName(e.target.value)} />
        <FormField
          id={`${idPrefix}-slug`}
          path="slug"
          label="Slug"
          required
          value={slug}
          disabled={editing}
          spellCheck={false}
          hint={editing ? "Fixed: it is in the webhook URL" : "Lowercase letters, digits, dashes"}
          error={err("slug")}
          onChange={(e) => setSlug(e.target.value)}
        />
        <FormField
          id={`${idPrefix}-endpoint`}
          path="apiEndpoint"
          label="API endpoint"
          required
          type="url"
          className="sm:col-span-3"
          placeholder={described.endpointHint}
          value={apiEndpoint}
          error={err("apiEndpoint")}
          onChange={(e) => setApiEndpoint(e.target.value)}
        />
        <FormField
          id={`${idPrefix}-rate`}
          path="rateLimitPerSec"
          label="Rate limit (requests/s)"
          required
          inputMode="numeric"
          value={rate}
          error={err("rateLimitPerSec")}
          onChange={(e) => setRate(e.target.value)}
        />
        <FormField
          id={`${idPrefix}-timeout`}
          path="timeoutMs"
          label="Timeout (ms)"
          required
          inputMode="numeric"
          value={timeout}
          error={err("timeoutMs")}
          onChange={(e) => setTimeoutMs(e.target.value)}
        />
        <FormField
          id={`${idPrefix}-failover`}
          path="failoverAfterSec"
          label="Fail over after (seconds unreachable)"
          required
          inputMode="numeric"
          value={failover}
          error={err("failoverAfterSec")}
          onChange={(e) => setFailover(e.target.value)}
        />
        <FormField
          id={`${idPrefix}-sync-stock`}
          path="syncStockMinutes"
          label="Stock sync every (minutes)"
          required
          type="number"
          min={0}
          max={10_080}
          step={1}
          inputMode="numeric"
          hint="0 turns it off"
          data-testid="supplier-sync-stock"
          value={syncStock}
          error={err("syncStockMinutes")}
          onChange={(e) => setSyncStock(e.target.value)}
        />
        <FormField
          id={`${idPrefix}-sync-catalog`}
          path="syncCatalogMinutes"
          label="Catalog sync every (minutes)"
          required
          type="number"
          min={0}
          max={10_080}
          step={1}
          inputMode="numeric"
          hint="Full catalog; 0 turns it off"
          data-testid="supplier-sync-catalog"
          value={syncCatalog}
          error={err("syncCatalogMinutes")}
          onChange={(e) => setSyncCatalog(e.target.value)}
        />
        <label className="mt-6 inline-flex items-center gap-2 text-[13px] font-medium text-slate-700">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          Active (takes orders)
        </label>
      </div>

      <SupplierCredentialFields
        kind={kind}
        idPrefix={idPrefix}
        stored={editing ? supplier.credentialsSet : null}
        values={creds}
        removed={removed}
        errors={errors}
        onChange={(n, v) => setCreds((c) => ({ ...c, [n]: v }))}
        onRemove={(n, r) => setRemoved((list) => (r ? [...list, n] : list.filter((x) => x !== n)))}
      />
      {editing && supplier.credentialsError ? <Alert>{supplier.credentialsError}</Alert> : null}

      {described.webhooks ? (
        <SupplierWebhookFields
          idPrefix={idPrefix}
          webhookUrl={editing && supplier.webhookEndpoint ? supplier.webhookEndpoint : `${appUrl.replace(/\/+$/, "")}/api/webhooks/${slugForUrl}`}
          count={editing ? supplier.webhookSecretCount : null}
          emptyNote={described.webhookSecretNote ?? undefined}
          {...hook}
          errors={errors}
          onChange={(p) => setHook((h) => ({ ...h, ...p }))}
        />
      ) : (
        <p className="text-[13px] text-slate-600">{described.label} sends no webhooks: its open orders are polled.</p>
      )}

      <div className="flex items-center gap-2 border-t border-slate-100 pt-4">
        <button type="submit" className={btn.primary} disabled={pending} data-testid="save-supplier">
          {pending ? "Saving…" : editing ? "Save changes" : "Add supplier"}
        </button>
        <button type="button" className={btn.secondary} onClick={onCancel} disabled={pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
