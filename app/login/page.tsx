import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getSessionPrincipal } from "@/lib/auth/session";
import { firstParam, safeCallbackUrl } from "@/lib/web/format";
import { LoginForm } from "@/components/auth/login-form";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
  const sp = await searchParams;
  const callbackUrl = safeCallbackUrl(sp.callbackUrl);
  // already signed in: nothing to do here
  if (await getSessionPrincipal()) redirect(callbackUrl);
  return (
    <div className="mx-auto mt-10 max-w-sm">
      <h1 className="text-lg font-semibold tracking-tight">Sign in</h1>
      <p className="mt-1 text-sm text-slate-500">Order graded devices for your shop, and follow every order to delivery.</p>
      <LoginForm callbackUrl={callbackUrl} sessionExpired={firstParam(sp.error) === "SessionRequired"} />
      {/* the seed's default demo accounts (prisma/seed.ts); public demo data, not secrets, and shown in the demo only */}
      {env().DEMO_MODE ? (
        <p className="mt-4 text-xs leading-5 text-slate-500" data-testid="demo-hint">
          Demo accounts (after <code className="font-mono">npm run db:seed</code>): reseller{" "}
          <code className="font-mono text-slate-700">buyer@worldtech.example</code>, ops <code className="font-mono text-slate-700">ops@portal.example</code>,
          password <code className="font-mono text-slate-700">demo1234</code>.
        </p>
      ) : null}
      <p className="mt-4 text-sm">
        <Link href="/forgot-password" className="text-sky-700 hover:underline" data-testid="forgot-password">
          Forgot your password?
        </Link>
      </p>
    </div>
  );
}
