import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/account/reset-password-form";

export const metadata: Metadata = { title: "Set a new password" };

type Props = { params: Promise<{ token: string }> };

export default async function ResetPasswordPage({ params }: Props) {
  const { token } = await params;
  return (
    <div className="mx-auto mt-10 max-w-sm">
      <h1 className="text-lg font-semibold tracking-tight">Set a new password</h1>
      <ResetPasswordForm token={token} />
    </div>
  );
}
