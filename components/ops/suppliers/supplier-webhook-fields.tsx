"use client";
import { MAX_WEBHOOK_SECRETS } from "@/lib/suppliers/admin/limits";
import { FormField } from "@/components/ui/form-field";
import { btn } from "@/components/ui/ui";

type Props = {
  idPrefix: string;
  /** The URL to register at the supplier. */
  webhookUrl: string;
  /** Secrets valid now (edit mode); null when creating. */
  count: number | null;
  /** What no secret means for this kind (CJ verifies with its Open ID). */
  emptyNote?: string;
  newSecret: string;
  keepOld: boolean;
  retireOld: boolean;
  errors: Record<string, string>;
  onChange: (patch: Partial<{ newSecret: string; keepOld: boolean; retireOld: boolean }>) => void;
};

/** A random secret to hand to the supplier (shown once, here, while it is typed in). */
function generateSecret() {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `whsec_${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

function countText(count: number, emptyNote?: string) {
  if (count === 0) return emptyNote ?? "No webhook secret set: every webhook is refused.";
  return count === 1 ? "One secret is valid." : `${count} secrets are valid (rotation in progress).`;
}

/**
 * Webhook secret rotation without refused webhooks: the new secret is added
 * next to the old one (both verify) until the supplier signs with the new one
 * and the old ones are retired.
 */
export function SupplierWebhookFields({ idPrefix, webhookUrl, count, emptyNote, newSecret, keepOld, retireOld, errors, onChange }: Props) {
  const creating = count === null;
  const path = creating ? "webhookSecret" : "rotateWebhookSecret.newSecret";
  return (
    <fieldset className="space-y-3">
      <legend className="mb-2 text-[13px] font-semibold text-slate-800">Webhooks</legend>
      <div className="text-[13px] text-slate-700">
        URL to register at the supplier:{" "}
        <code data-testid="webhook-url" className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs break-all text-slate-800">
          {webhookUrl}
        </code>
      </div>
      {!creating ? (
        <p className="text-xs text-slate-600" data-testid="webhook-secret-count">
          {countText(count, emptyNote)}
        </p>
      ) : null}
      <div className="flex items-end gap-2">
        <FormField
          id={`${idPrefix}-webhook-secret`}
          path={path}
          label={creating ? "Webhook secret" : "New webhook secret"}
          className="grow"
          autoComplete="off"
          spellCheck={false}
          value={newSecret}
          hint="Give the same secret to the supplier. No commas."
          error={errors[path]}
          onChange={(e) => onChange({ newSecret: e.target.value })}
        />
        <button type="button" className={`${btn.secondary} mb-5`} onClick={() => onChange({ newSecret: generateSecret() })}>
          Generate
        </button>
      </div>
      {!creating && count > 0 ? (
        <div className="flex flex-col gap-1.5 text-[13px] text-slate-700">
          <label className="inline-flex items-center gap-2">
            <input type="checkbox" checked={keepOld} disabled={!newSecret} onChange={(e) => onChange({ keepOld: e.target.checked })} />
            Keep the old secret valid until retired
          </label>
          {count > 1 ? (
            <label className="inline-flex items-center gap-2">
              <input type="checkbox" checked={retireOld} onChange={(e) => onChange({ retireOld: e.target.checked })} />
              Retire old secrets (only the newest stays valid)
            </label>
          ) : null}
          {count >= MAX_WEBHOOK_SECRETS ? (
            <p className="text-xs text-amber-700">At most {MAX_WEBHOOK_SECRETS} secrets can be valid at once: retire old ones first.</p>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}
