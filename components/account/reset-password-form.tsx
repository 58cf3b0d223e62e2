"use client";
import { useState, type FormEvent } from "react";
import Link from "next/link";
import { apiFetch } from "@/lib/web/api-client";
import { FormField } from "@/components/ui/form-field";
import { Alert, btn } from "@/components/ui/ui";
import { useFormErrors } from "./use-form-errors";

export function ResetPasswordForm({ token }: { token: string }) {
  const f = useFormErrors();
  const [done, setDone] = useState(false);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    f.start();
    const r = await apiFetch("/api/password/reset", { method: "POST", body: JSON.stringify({ token, password: String(fd.get("password") ?? "") }) });
    if (f.done(r)) setDone(true);
  }
  if (done)
    return (
      <div className="mt-6 space-y-3">
        <Alert tone="success" testId="reset-done">
          Your password is set. Every session of your account was signed out.
        </Alert>
        <Link href="/login" className="text-sm text-sky-700 hover:underline">
          Sign in
        </Link>
      </div>
    );
  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-xs" noValidate>
      {f.message && !f.fields.password ? <Alert testId="reset-error">{f.message}</Alert> : null}
      <FormField
        id="password"
        name="password"
        type="password"
        label="New password"
        required
        autoComplete="new-password"
        path="password"
        hint="At least 8 characters."
        error={f.fields.password}
      />
      <button type="submit" className={`${btn.primary} w-full`} disabled={f.pending} data-testid="reset-submit">
        {f.pending ? "Saving…" : "Set new password"}
      </button>
    </form>
  );
}
