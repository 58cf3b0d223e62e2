"use client";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/web/api-client";
import { FormField } from "@/components/ui/form-field";
import { Alert, btn } from "@/components/ui/ui";
import { useFormErrors } from "./use-form-errors";

export function ChangePasswordForm() {
  const f = useFormErrors();
  const [ok, setOk] = useState<string | null>(null);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    f.start();
    setOk(null);
    const r = await apiFetch<{ otherSessionsEnded: number }>("/api/account/password", {
      method: "POST",
      body: JSON.stringify({ currentPassword: String(data.get("currentPassword") ?? ""), newPassword: String(data.get("newPassword") ?? "") }),
    });
    if (f.done(r)) {
      form.reset();
      setOk(`Password changed.${r.data.otherSessionsEnded ? ` Signed out ${r.data.otherSessionsEnded} other session(s).` : ""}`);
    }
  }
  return (
    <form onSubmit={onSubmit} className="space-y-3 p-4" noValidate>
      {f.message ? <Alert testId="password-error">{f.message}</Alert> : null}
      {ok ? (
        <Alert tone="success" testId="password-changed">
          {ok}
        </Alert>
      ) : null}
      <FormField
        id="currentPassword"
        name="currentPassword"
        type="password"
        label="Current password"
        autoComplete="current-password"
        required
        path="currentPassword"
        error={f.fields.currentPassword}
      />
      <FormField
        id="newPassword"
        name="newPassword"
        type="password"
        label="New password"
        autoComplete="new-password"
        required
        path="newPassword"
        hint="At least 8 characters. Your other sessions are signed out."
        error={f.fields.newPassword}
      />
      <button type="submit" className={btn.primary} disabled={f.pending} data-testid="change-password">
        {f.pending ? "Saving…" : "Change password"}
      </button>
    </form>
  );
}
