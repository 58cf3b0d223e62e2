import type { Metadata } from "next";
import Link from "next/link";
import { findInvite } from "@/lib/account/accept-invite";
import { AcceptInviteForm } from "@/components/account/accept-invite-form";
import { Alert } from "@/components/ui/ui";

export const metadata: Metadata = { title: "Accept invitation" };

type Props = { params: Promise<{ token: string }> };

export default async function InvitePage({ params }: Props) {
  const { token } = await params;
  const invite = await findInvite(token);
  return (
    <div className="mx-auto mt-10 max-w-sm">
      <h1 className="text-lg font-semibold tracking-tight">Join your team</h1>
      {invite ? (
        <>
          <p className="mt-1 text-sm text-slate-500">
            You are invited to order for <strong>{invite.companyName}</strong> as a {invite.role}.
          </p>
          <AcceptInviteForm token={token} email={invite.email} />
        </>
      ) : (
        <div className="mt-4 space-y-3">
          <Alert testId="invite-invalid">
            This invitation link is not valid: it was used, replaced, withdrawn or has expired. Ask your company&apos;s owner for a new one.
          </Alert>
          <Link href="/login" className="text-sm text-sky-700 hover:underline">
            Go to sign-in
          </Link>
        </div>
      )}
    </div>
  );
}
