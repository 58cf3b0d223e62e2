"use client";
import { useKindDescription } from "./supplier-kinds";
import type { SupplierKind } from "@/lib/suppliers/types";
import { FormField } from "@/components/ui/form-field";
import { inputClass } from "@/components/ui/ui";

const REMOVE = "\u0000remove";

type Props = {
  kind: SupplierKind;
  idPrefix: string;
  /** Names of the fields that hold a value on the server (edit mode); null when creating. */
  stored: string[] | null;
  values: Record<string, string>;
  removed: string[];
  errors: Record<string, string>;
  onChange: (name: string, value: string) => void;
  onRemove: (name: string, remove: boolean) => void;
};

/**
 * Write-only credential inputs: never prefilled (the browser never gets the
 * values); a stored one says so in its placeholder, and leaving it empty keeps it.
 */
export function SupplierCredentialFields({ kind, idPrefix, stored, values, removed, errors, onChange, onRemove }: Props) {
  const described = useKindDescription(kind);
  return (
    <fieldset className="grid gap-3 sm:grid-cols-2">
      <legend className="mb-2 text-[13px] font-semibold text-slate-800">Credentials</legend>
      {described.credentialFields.map((f) => {
        const isSet = stored?.includes(f.name) ?? false;
        const isRemoved = removed.includes(f.name);
        const placeholder = stored === null ? undefined : isRemoved ? "will be removed" : isSet ? "•••••• set — leave empty to keep" : "not set";
        if (f.options) {
          const id = `${idPrefix}-cred-${f.name}`;
          const error = errors[`credentials.${f.name}`];
          return (
            <div key={f.name}>
              <label htmlFor={id} className="mb-1 block text-[13px] font-medium text-slate-700">
                {f.label}
              </label>
              <select
                id={id}
                className={inputClass}
                value={isRemoved ? REMOVE : (values[f.name] ?? "")}
                aria-invalid={error ? true : undefined}
                onChange={(e) => {
                  onRemove(f.name, e.target.value === REMOVE);
                  onChange(f.name, e.target.value === REMOVE ? "" : e.target.value);
                }}
              >
                {/* Write-only like the rest: "" keeps the stored value (or, when adding, leaves the adapter's default). */}
                <option value="">{stored === null ? "Default" : isSet ? "Keep the stored value" : "Default (not set)"}</option>
                {isSet ? <option value={REMOVE}>Remove (use the default)</option> : null}
                {f.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
              {error ? <p className="mt-1 text-xs text-red-700">{error}</p> : null}
            </div>
          );
        }
        return (
          <div key={f.name}>
            <FormField
              id={`${idPrefix}-cred-${f.name}`}
              path={`credentials.${f.name}`}
              label={f.label}
              name={f.name}
              type={f.secret ? "password" : "text"}
              // new-password: stops the browser from filling a saved login into an API key field.
              autoComplete={f.secret ? "new-password" : "off"}
              spellCheck={false}
              required={f.required && !isSet}
              placeholder={placeholder}
              hint={f.hint}
              value={values[f.name] ?? ""}
              disabled={isRemoved}
              error={errors[`credentials.${f.name}`]}
              onChange={(e) => onChange(f.name, e.target.value)}
            />
            {stored !== null && isSet && !f.required ? (
              <label className="mt-1 inline-flex items-center gap-1.5 text-xs text-slate-600">
                <input type="checkbox" checked={isRemoved} onChange={(e) => onRemove(f.name, e.target.checked)} />
                Remove the stored value
              </label>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}
