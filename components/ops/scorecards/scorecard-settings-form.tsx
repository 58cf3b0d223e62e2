"use client";
import { useState, type FormEvent } from "react";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import { SCORE_COMPONENTS, SCORE_WINDOWS, type ScorecardSettings } from "@/lib/settings/scorecard-schema";
import { Alert, Card, btn, inputClass } from "@/components/ui/ui";
import { COMPONENT_LABELS } from "./format";

/** Ops' scorecard settings: how routing uses the score, the score's weights and targets. */
export function ScorecardSettingsForm({ initial }: { initial: ScorecardSettings }) {
  const [s, setS] = useState(initial);
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string; fields?: Record<string, string> } | null>(null);
  const set = <K extends keyof ScorecardSettings>(k: K, v: ScorecardSettings[K]) => setS((x) => ({ ...x, [k]: v }));
  const num = (v: string) => (v.trim() === "" ? Number.NaN : Number(v));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    const res = await apiFetch<ScorecardSettings>("/api/ops/scorecards/settings", { method: "PUT", body: JSON.stringify(s) });
    setSaving(false);
    if (res.ok) {
      setS(res.data);
      setResult({ ok: true, message: "Saved; the routing scores were recomputed." });
    } else if (res.status === 401) redirectToLogin();
    else setResult({ ok: false, message: res.error.message, fields: res.error.fields });
  };
  const invalid = (f: string) => (result?.fields?.[f] ? true : undefined);

  return (
    <Card title="Scoring and routing">
      <form className="space-y-4 p-4" onSubmit={save} noValidate data-testid="scorecard-settings">
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <label className="block text-sm text-slate-700">
            <span className="mb-1 block font-medium">Routing</span>
            <select
              className={inputClass}
              value={s.routingMode}
              onChange={(e) => set("routingMode", e.target.value as ScorecardSettings["routingMode"])}
              data-testid="scorecard-routing-mode-select"
              aria-invalid={invalid("routingMode")}
            >
              <option value="cost">Cost only</option>
              <option value="cost_score">Cost plus score</option>
            </select>
            <span className="mt-1 block text-xs text-slate-500">Priority still comes first; the score weighs offers of equal priority that fit the price.</span>
          </label>
          <label className="block text-sm text-slate-700">
            <span className="mb-1 block font-medium">Score weight</span>
            <input
              type="number"
              step="0.01"
              min={0}
              max={5}
              className={inputClass}
              value={Number.isNaN(s.scoreWeight) ? "" : s.scoreWeight}
              onChange={(e) => set("scoreWeight", num(e.target.value))}
              data-testid="scorecard-score-weight"
              aria-invalid={invalid("scoreWeight")}
            />
            <span className="mt-1 block text-xs text-slate-500">Cost counts as cost × (1 + weight × (1 − score/100)).</span>
          </label>
          <label className="block text-sm text-slate-700">
            <span className="mb-1 block font-medium">Routing score window</span>
            <select
              className={inputClass}
              value={s.window}
              onChange={(e) => set("window", e.target.value as ScorecardSettings["window"])}
              data-testid="scorecard-settings-window"
            >
              {SCORE_WINDOWS.map((w) => (
                <option key={w} value={w}>
                  {w}
                </option>
              ))}
            </select>
          </label>
          <NumberField
            label="Neutral score"
            value={s.neutralScore}
            onChange={(v) => set("neutralScore", v)}
            testId="scorecard-neutral-score"
            invalid={invalid("neutralScore")}
          />
          <NumberField
            label="Orders needed for a score"
            value={s.minOrders}
            onChange={(v) => set("minOrders", v)}
            testId="scorecard-min-orders"
            invalid={invalid("minOrders")}
          />
        </div>
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-800">Weights</legend>
          <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {SCORE_COMPONENTS.map((c) => (
              <NumberField
                key={c}
                label={COMPONENT_LABELS[c] ?? c}
                value={s.weights[c]}
                onChange={(v) => setS((x) => ({ ...x, weights: { ...x.weights, [c]: v } }))}
                testId={`scorecard-weight-${c}`}
                invalid={invalid(`weights.${c}`) ?? invalid("weights")}
              />
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-800">Targets (full marks at or under)</legend>
          <div className="grid gap-3 sm:grid-cols-3">
            <NumberField
              label="Acceptance, minutes"
              value={s.targets.acceptanceMinutes}
              onChange={(v) => setS((x) => ({ ...x, targets: { ...x.targets, acceptanceMinutes: v } }))}
              testId="scorecard-target-acceptance"
              invalid={invalid("targets.acceptanceMinutes")}
            />
            <NumberField
              label="Time to ship, hours"
              value={s.targets.shipHours}
              onChange={(v) => setS((x) => ({ ...x, targets: { ...x.targets, shipHours: v } }))}
              testId="scorecard-target-ship"
              invalid={invalid("targets.shipHours")}
            />
            <NumberField
              label="Latency p95, ms"
              value={s.targets.latencyMs}
              onChange={(v) => setS((x) => ({ ...x, targets: { ...x.targets, latencyMs: v } }))}
              testId="scorecard-target-latency"
              invalid={invalid("targets.latencyMs")}
            />
          </div>
        </fieldset>
        {result ? (
          <Alert tone={result.ok ? "success" : "error"} testId="scorecard-settings-result">
            {result.message}
            {result.fields
              ? ` ${Object.entries(result.fields)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join("; ")}`
              : ""}
          </Alert>
        ) : null}
        <button type="submit" className={btn.primary} disabled={saving} data-testid="scorecard-settings-save">
          {saving ? "Saving…" : "Save settings"}
        </button>
      </form>
    </Card>
  );
}

function NumberField({
  label,
  value,
  onChange,
  testId,
  invalid,
}: {
  label: string;
  value: number;
  onChange: (v: number) => void;
  testId: string;
  invalid?: boolean;
}) {
  return (
    <label className="block text-sm text-slate-700">
      <span className="mb-1 block font-medium">{label}</span>
      <input
        type="number"
        min={0}
        className={inputClass}
        value={Number.isNaN(value) ? "" : value}
        onChange={(e) => onChange(e.target.value.trim() === "" ? Number.NaN : Number(e.target.value))}
        data-testid={testId}
        aria-invalid={invalid}
      />
    </label>
  );
}
