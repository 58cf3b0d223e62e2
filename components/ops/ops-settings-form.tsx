"use client";
import { useState, type FormEvent } from "react";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import type { OpsSettings } from "@/lib/web/ops-catalog-types";
import { FormField } from "@/components/ui/form-field";
import { Alert, btn } from "@/components/ui/ui";

type Field = keyof OpsSettings;
const LABELS: Record<Field, { label: string; hint: string; step: string }> = {
  priceTolerancePercent: { label: "Price change tolerance (%)", hint: "A recomputed price moving more than this waits for approval.", step: "0.1" },
  lowStockThreshold: { label: "Low-stock threshold (units)", hint: "A supplier offer at or below this alerts ops once per crossing.", step: "1" },
};

/** One or more of the runtime settings, saved through PATCH /api/ops/pricing/settings. */
export function OpsSettingsForm({ initial, fields }: { initial: OpsSettings; fields: Field[] }) {
  const [values, setValues] = useState(() => Object.fromEntries(fields.map((f) => [f, String(initial[f])])) as Record<Field, string>);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ tone: "error" | "success"; message: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setErrors({});
    const body = Object.fromEntries(fields.map((f) => [f, Number(values[f])]));
    const res = await apiFetch<OpsSettings>("/api/ops/pricing/settings", { method: "PATCH", body: JSON.stringify(body) });
    setPending(false);
    if (res.ok) return setNotice({ tone: "success", message: "Saved." });
    if (res.status === 401) return redirectToLogin();
    setErrors(res.error.fields ?? {});
    setNotice({ tone: "error", message: res.error.message });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3 p-4" data-testid="settings-form">
      {fields.map((f) => (
        <FormField
          key={f}
          id={`setting-${f}`}
          path={f}
          label={LABELS[f].label}
          hint={LABELS[f].hint}
          type="number"
          min="0"
          step={LABELS[f].step}
          required
          value={values[f]}
          error={errors[f]}
          onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
          className="w-72"
        />
      ))}
      <button type="submit" className={btn.secondary} disabled={pending} data-testid="settings-save">
        {pending ? "Saving…" : "Save"}
      </button>
      {notice ? <Alert tone={notice.tone}>{notice.message}</Alert> : null}
    </form>
  );
}
