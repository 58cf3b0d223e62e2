"use client";
import { useState, type FormEvent } from "react";
import { priceForCost } from "@/lib/pricing";
import { describeReprice } from "@/lib/pricing/describe-reprice";
import { MARKUP_KINDS, MARKUP_SCOPES, ROUNDINGS, type MarkupKind, type MarkupScope, type RepriceResult } from "@/lib/pricing/types";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import type { MarkupRuleView } from "@/lib/web/ops-catalog-types";
import { FormField } from "@/components/ui/form-field";
import { Alert, btn, inputClass } from "@/components/ui/ui";

type Band = { upTo: string; percent: string; fixed: string };
type Props = { rule: MarkupRuleView | null; onSaved: (message: string) => void; onCancel: () => void };

const SCOPE_LABEL: Record<MarkupScope, string> = { global: "Everything", brand: "A brand", category: "A category", tier: "A company tier" };
const KIND_LABEL: Record<MarkupKind, string> = { percent: "Percent of cost", fixed: "Fixed amount", tiers: "Cost-range tiers" };
/** "12" → 12 for the API; anything else goes as typed, so the server names the problem. */
const num = (v: string) => (v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : v.trim() === "" ? null : v);
const select = `${inputClass} w-auto`;

/** Create (rule = null) or edit a markup rule, with a live example of what it does to a cost. */
export function MarkupRuleForm({ rule, onSaved, onCancel }: Props) {
  const [name, setName] = useState(rule?.name ?? "");
  const [scope, setScope] = useState<MarkupScope>(rule?.scope ?? "global");
  const [scopeValue, setScopeValue] = useState(rule?.scopeValue ?? "");
  const [kind, setKind] = useState<MarkupKind>(rule?.kind ?? "percent");
  const [value, setValue] = useState(rule?.value === null || rule?.value === undefined ? "" : String(rule.value));
  const [bands, setBands] = useState<Band[]>(
    rule?.costTiers?.map((t) => ({
      upTo: t.upTo ?? "",
      percent: t.percent == null ? "" : String(t.percent),
      fixed: t.fixed == null ? "" : String(t.fixed),
    })) ?? [
      { upTo: "100.00", percent: "20", fixed: "" },
      { upTo: "", percent: "10", fixed: "" },
    ],
  );
  const [rounding, setRounding] = useState(rule?.rounding ?? ".99");
  const [priority, setPriority] = useState(String(rule?.priority ?? 100));
  const [active, setActive] = useState(rule?.active ?? true);
  const [sampleCost, setSampleCost] = useState("230.00");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const costTiers = bands.map((b) => ({ upTo: b.upTo.trim() || null, percent: num(b.percent), fixed: b.fixed.trim() || null }));
  const body = {
    name,
    scope,
    scopeValue: scope === "global" ? null : scopeValue,
    kind,
    value: kind === "tiers" ? null : num(value),
    costTiers: kind === "tiers" ? costTiers : null,
    rounding,
    priority: num(priority),
    active,
  };
  const example = (() => {
    try {
      return priceForCost(sampleCost, { brand: scopeValue, category: scopeValue }, [
        {
          id: "preview",
          scope: "global",
          scopeValue: null,
          kind,
          value: kind === "tiers" ? null : (num(value) as number),
          costTiers: kind === "tiers" ? (costTiers as never) : null,
          rounding,
          priority: 0,
        },
      ]);
    } catch {
      return null;
    }
  })();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setErrors({});
    setFormError(null);
    const url = rule ? `/api/ops/pricing/rules/${encodeURIComponent(rule.id)}` : "/api/ops/pricing/rules";
    const res = await apiFetch<{ rule: MarkupRuleView; repriced: RepriceResult }>(url, { method: rule ? "PATCH" : "POST", body: JSON.stringify(body) });
    setPending(false);
    if (res.ok) return onSaved(`${rule ? "Saved" : "Added"} “${res.data.rule.name}”: ${describeReprice(res.data.repriced)}.`);
    if (res.status === 401) return redirectToLogin();
    setErrors(res.error.fields ?? {});
    setFormError(res.error.fields ? "Check the highlighted fields." : res.error.message);
  }

  const bandError = Object.entries(errors).find(([k]) => k.startsWith("costTiers"))?.[1];
  return (
    <form onSubmit={onSubmit} className="space-y-3 border-t border-slate-100 bg-slate-50/60 p-4" data-testid="markup-rule-form">
      {formError ? <Alert>{formError}</Alert> : null}
      <div className="flex flex-wrap gap-3">
        <FormField
          id="rule-name"
          path="name"
          label="Name"
          required
          value={name}
          error={errors.name}
          onChange={(e) => setName(e.target.value)}
          className="w-56"
        />
        <div>
          <label htmlFor="rule-scope" className="mb-1 block text-[13px] font-medium text-slate-700">
            Applies to
          </label>
          <select id="rule-scope" className={select} value={scope} onChange={(e) => setScope(e.target.value as MarkupScope)} data-testid="rule-scope">
            {MARKUP_SCOPES.map((s) => (
              <option key={s} value={s}>
                {SCOPE_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
        {scope !== "global" ? (
          <FormField
            id="rule-scope-value"
            path="scopeValue"
            label={scope === "tier" ? "Tier" : scope === "brand" ? "Brand" : "Category"}
            required
            value={scopeValue}
            error={errors.scopeValue}
            onChange={(e) => setScopeValue(e.target.value)}
            className="w-44"
          />
        ) : null}
        <div>
          <label htmlFor="rule-kind" className="mb-1 block text-[13px] font-medium text-slate-700">
            Markup
          </label>
          <select id="rule-kind" className={select} value={kind} onChange={(e) => setKind(e.target.value as MarkupKind)} data-testid="rule-kind">
            {MARKUP_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </div>
        {kind !== "tiers" ? (
          <FormField
            id="rule-value"
            path="value"
            label={kind === "percent" ? "Percent" : "Dollars"}
            required
            type="number"
            step="0.01"
            min="0"
            value={value}
            error={errors.value}
            onChange={(e) => setValue(e.target.value)}
            className="w-28"
          />
        ) : null}
        <div>
          <label htmlFor="rule-rounding" className="mb-1 block text-[13px] font-medium text-slate-700">
            Ending
          </label>
          <select id="rule-rounding" className={select} value={rounding} onChange={(e) => setRounding(e.target.value)} data-testid="rule-rounding">
            {ROUNDINGS.map((r) => (
              <option key={r} value={r}>
                {r === "none" ? "Cents as computed" : r === "whole" ? "Whole dollars" : `…${r}`}
              </option>
            ))}
          </select>
        </div>
        <FormField
          id="rule-priority"
          path="priority"
          label="Priority"
          hint="Lower wins in a scope"
          type="number"
          min="0"
          value={priority}
          error={errors.priority}
          onChange={(e) => setPriority(e.target.value)}
          className="w-28"
        />
        <label className="mt-6 flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> Active
        </label>
      </div>

      {kind === "tiers" ? (
        <fieldset className="space-y-2" data-testid="rule-bands">
          <legend className="text-[13px] font-medium text-slate-700">Cost bands (up to is inclusive; leave it empty for “and above”)</legend>
          {bands.map((b, i) => (
            <div key={i} className="flex items-center gap-2 text-sm">
              {(["upTo", "percent", "fixed"] as const).map((k) => (
                <input
                  key={k}
                  aria-label={`Band ${i + 1} ${k === "upTo" ? "up to" : k}`}
                  placeholder={k === "upTo" ? "up to $ (empty = above)" : k === "percent" ? "%" : "+ $"}
                  className={`${inputClass} w-40`}
                  value={b[k]}
                  onChange={(e) => setBands((all) => all.map((x, j) => (j === i ? { ...x, [k]: e.target.value } : x)))}
                />
              ))}
              <button type="button" className={btn.ghost} onClick={() => setBands((all) => all.filter((_, j) => j !== i))}>
                Remove
              </button>
            </div>
          ))}
          <button type="button" className={btn.ghost} onClick={() => setBands((all) => [...all, { upTo: "", percent: "", fixed: "" }])}>
            Add band
          </button>
          {bandError ? <p className="text-xs text-red-700">{bandError}</p> : null}
        </fieldset>
      ) : null}

      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
        <span>Example: a cost of</span>
        <input aria-label="Example cost" className={`${inputClass} w-28`} value={sampleCost} onChange={(e) => setSampleCost(e.target.value)} />
        <span data-testid="rule-example">→ {example ?? "—"}</span>
      </div>
      <div className="flex gap-2">
        <button type="submit" className={btn.primary} disabled={pending} data-testid="rule-save">
          {pending ? "Saving…" : rule ? "Save rule" : "Add rule"}
        </button>
        <button type="button" className={btn.secondary} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
