import type { InputHTMLAttributes } from "react";
import { inputClass } from "./ui";

type Props = InputHTMLAttributes<HTMLInputElement> & {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  /** the request path the server's `fields` uses, for the error's test id */
  path: string;
};

/** A labelled input whose server-side error sits right under it and is announced. */
export function FormField({ id, label, error, hint, path, className = "", ...input }: Props) {
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-[13px] font-medium text-slate-700">
        {label}
        {input.required ? null : <span className="ml-1 font-normal text-slate-500">(optional)</span>}
      </label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={inputClass} {...input} />
      {error ? (
        <p id={`${id}-error`} data-testid={`field-error-${path}`} className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
