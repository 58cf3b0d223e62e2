"use client";
import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { Alert, btn, inputClass } from "@/components/ui/ui";

/** next-auth's credentials sign-in without its redirect, so a bad password shows inline. */
export function LoginForm({ callbackUrl, sessionExpired }: { callbackUrl: string; sessionExpired: boolean }) {
  const [error, setError] = useState<string | null>(sessionExpired ? "Please sign in to continue." : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError("Enter your email and password.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", { redirect: false, email, password, callbackUrl });
      const limited = /^RateLimited:(\d+)$/.exec(res?.error ?? "");
      if (limited) {
        const s = Number(limited[1]);
        setError(`Too many sign-in attempts. Try again in ${s >= 120 ? `${Math.ceil(s / 60)} minutes` : `${s} seconds`}.`);
        setPending(false);
        return;
      }
      if (!res || res.error || !res.ok) {
        // next-auth reports every credentials failure as "CredentialsSignin"; say it plainly
        setError(res?.error === "CredentialsSignin" || res?.status === 401 ? "Wrong email or password." : "Sign-in failed. Try again.");
        setPending(false);
        return;
      }
      // a full load so the server-rendered header picks up the new session
      window.location.assign(callbackUrl);
    } catch {
      setError("Network problem: could not reach the server.");
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-xs">
      {error ? <Alert testId="login-error">{error}</Alert> : null}
      <div>
        <label htmlFor="email" className="mb-1 block text-[13px] font-medium text-slate-700">
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required autoFocus className={inputClass} />
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block text-[13px] font-medium text-slate-700">
          Password
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass} />
      </div>
      <button type="submit" disabled={pending} className={`${btn.primary} w-full`} data-testid="login-submit">
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
