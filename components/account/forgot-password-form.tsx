"use client";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/web/api-client";
import { FormField } from "@/components/ui/form-field";
import { Alert, btn } from "@/components/ui/ui";
import { useFormErrors } from "./use-form-errors";

export function ForgotPasswordForm() {
  const f = useFormErrors();
  const [sent, setSent] = useState<string | null>(null);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    f.start();
    const r = await apiFetch<{ message: string }>("/api/password/forgot", {
      method: "POST",
      body: JSON.stringify({ email: String(fd.get("email") ?? "").trim() }),
    });
    if (f.done(r)) setSent(r.data.message);
  }
  if (sent)
    return (
      <Alert tone="success" testId="forgot-sent">
        {sent}
      </Alert>
    );
  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-xs" noValidate>
      {f.message && !f.fields.email ? <Alert>{f.message}</Alert> : null}
      <FormField id="email" name="email" type="email" label="Email" required autoComplete="username" path="email" error={f.fields.email} />
      <button type="submit" className={`${btn.primary} w-full`} disabled={f.pending} data-testid="forgot-submit">
        {f.pending ? "Sending…" : "Email me a reset link"}
      </button>
    </form>
  );
}
