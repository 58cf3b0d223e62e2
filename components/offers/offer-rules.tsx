"use client";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import type { OfferRuleDto } from "@/lib/offers/offer-terms";
import { FormField } from "@/components/ui/form-field";
import { Alert, btn, Card, td, th, ScrollX } from "@/components/ui/ui";

const numberOrNull = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === "" ? null : Number(v));
const textOrNull = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === "" ? null : String(v).trim());

/**
 * Ops' offer rules: by brand, model, grade and/or category, a floor and an auto-accept price as a
 * percentage of the buyer's list price, and how long an offer waits. A product's own terms win.
 */
export function OfferRules() {
  const [rules, setRules] = useState<OfferRuleDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  const load = useCallback(
    () =>
      apiFetch<{ data: OfferRuleDto[] }>("/api/ops/offer-rules").then((res) => {
        if (res.ok) setRules(res.data.data);
        else if (res.status === 401) redirectToLogin();
        else setError(res.error.message);
      }),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);

  async function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const fd = new FormData(form);
    setPending(true);
    setError(null);
    setFields({});
    const res = await apiFetch<OfferRuleDto>("/api/ops/offer-rules", {
      method: "POST",
      body: JSON.stringify({
        name: String(fd.get("name") ?? ""),
        brand: textOrNull(fd.get("brand")),
        grade: textOrNull(fd.get("grade")),
        model: textOrNull(fd.get("model")),
        floorPercent: numberOrNull(fd.get("floorPercent")),
        autoAcceptPercent: numberOrNull(fd.get("autoAcceptPercent")),
        expiryHours: numberOrNull(fd.get("expiryHours")),
      }),
    });
    setPending(false);
    if (res.ok) {
      form.reset();
      await load();
    } else if (res.status === 401) redirectToLogin();
    else {
      setError(res.error.message);
      setFields(res.error.fields ?? {});
    }
  }

  async function change(id: string, init: RequestInit) {
    setError(null);
    const res = await apiFetch<unknown>(`/api/ops/offer-rules/${encodeURIComponent(id)}`, init);
    if (res.ok) await load();
    else if (res.status === 401) redirectToLogin();
    else setError(res.error.message);
  }

  const pct = (v: number | null) => (v === null ? "—" : `${v} %`);
  return (
    <Card title="Offer rules">
      <p className="px-4 pt-3 text-sm text-slate-700">
        Offers below the floor are declined at once, at or above the auto-accept price accepted at once; both are a percentage of the buyer&apos;s list price. A
        product&apos;s own terms win; among rules, the first that matches.
      </p>
      <ScrollX>
        <table className="w-full text-sm" data-testid="offer-rules">
          <thead className="bg-slate-50/80 text-left">
            <tr>
              <th className={th}>Rule</th>
              <th className={th}>Applies to</th>
              <th className={`${th} text-right`}>Floor</th>
              <th className={`${th} text-right`}>Auto-accept</th>
              <th className={`${th} text-right`}>Expiry</th>
              <th className={th}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rules.length === 0 ? (
              <tr>
                <td className={`${td} text-slate-600`} colSpan={6}>
                  No rules yet: every offer without product terms waits for ops.
                </td>
              </tr>
            ) : (
              rules.map((r) => (
                <tr key={r.id} className="border-t border-slate-100" data-testid="offer-rule">
                  <td className={td}>
                    {r.name}
                    {r.active ? null : <span className="ml-1 text-xs text-slate-600">(off)</span>}
                  </td>
                  <td className={`${td} text-slate-700`}>
                    {[r.brand, r.model, r.grade && `grade ${r.grade}`, r.category].filter(Boolean).join(" · ") || "All products"}
                  </td>
                  <td className={`${td} text-right tabular-nums`}>{pct(r.floorPercent)}</td>
                  <td className={`${td} text-right tabular-nums`}>{pct(r.autoAcceptPercent)}</td>
                  <td className={`${td} text-right tabular-nums`}>{r.expiryHours === null ? "48 h" : `${r.expiryHours} h`}</td>
                  <td className={`${td} whitespace-nowrap text-right`}>
                    <button
                      type="button"
                      className={btn.ghost}
                      onClick={() => void change(r.id, { method: "PATCH", body: JSON.stringify({ active: !r.active }) })}
                    >
                      {r.active ? "Turn off" : "Turn on"}
                    </button>
                    <button type="button" className={btn.ghost} onClick={() => void change(r.id, { method: "DELETE" })} aria-label={`Delete rule ${r.name}`}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </ScrollX>
      <form onSubmit={(e) => void create(e)} className="grid grid-cols-2 gap-3 border-t border-slate-100 p-4 sm:grid-cols-4" noValidate>
        <FormField id="rule-name" name="name" label="Name" required path="name" error={fields.name} className="col-span-2" />
        <FormField id="rule-brand" name="brand" label="Brand" path="brand" error={fields.brand} />
        <FormField id="rule-grade" name="grade" label="Grade" path="grade" error={fields.grade} />
        <FormField id="rule-model" name="model" label="Model" path="model" error={fields.model} className="col-span-2" />
        <FormField id="rule-floor" name="floorPercent" label="Floor %" inputMode="decimal" path="floorPercent" error={fields.floorPercent} />
        <FormField
          id="rule-auto"
          name="autoAcceptPercent"
          label="Auto-accept %"
          inputMode="decimal"
          path="autoAcceptPercent"
          error={fields.autoAcceptPercent}
        />
        <FormField id="rule-expiry" name="expiryHours" label="Expiry (hours)" inputMode="numeric" path="expiryHours" error={fields.expiryHours} />
        <div className="flex items-end">
          <button type="submit" className={btn.primary} disabled={pending}>
            Add rule
          </button>
        </div>
        {error ? (
          <div className="col-span-2 sm:col-span-4">
            <Alert>{error}</Alert>
          </div>
        ) : null}
      </form>
    </Card>
  );
}
