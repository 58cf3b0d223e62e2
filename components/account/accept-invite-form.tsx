"use client";
import type { FormEvent } from "react";
import { signIn } from "next-auth/react";
import { apiFetch } from "@/lib/web/api-client";
import { FormField } from "@/components/ui/form-field";
import { Alert, btn } from "@/components/ui/ui";
import { useFormErrors } from "./use-form-errors";

/** Set name and password, then sign in with them (a full load, so the header knows the user). */
export function AcceptInviteForm({ token, email }: { token: string; email: string }) {
  const f = useFormErrors();
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const password = String(fd.get("password") ?? "");
    f.start();
    const r = await apiFetch("/api/invitations/accept", {
      method: "POST",
      body: JSON.stringify({ token, name: String(fd.get("name") ?? "").trim(), password }),
    });
    if (!f.done(r)) return;
    const s = await signIn("credentials", { redirect: false, email, password, callbackUrl: "/" });
    window.location.assign(s?.ok ? "/" : "/login");
  }
  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-xs" noValidate>
      {f.message ? <Alert testId="accept-error">{f.message}</Alert> : null}
      <p className="text-sm text-slate-600">
        Signing in as <strong>{email}</strong>
      </p>
      <FormField id="name" name="name" label="Your name" required autoComplete="name" path="name" error={f.fields.name} />
      <FormField
        id="password"
        name="password"
        type="password"
        label="Password"
        required
        autoComplete="new-password"
        path="password"
        hint="At least 8 characters."
        error={f.fields.password}
      />
      <button type="submit" className={`${btn.primary} w-full`} disabled={f.pending} data-testid="accept-submit">
        {f.pending ? "Setting up…" : "Accept and sign in"}
      </button>
    </form>
  );
}
