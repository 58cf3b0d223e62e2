import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/components/account/forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto mt-10 max-w-sm">
      <h1 className="text-lg font-semibold tracking-tight">Reset your password</h1>
      <p className="mt-1 text-sm text-slate-500">We email a link that works once, for an hour.</p>
      <ForgotPasswordForm />
    </div>
  );
}
