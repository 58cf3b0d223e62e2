import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { describeAccount } from "@/lib/account/describe-account";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { Card, PageHeader } from "@/components/ui/ui";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const p = await requireUser("/account");
  const me = await describeAccount(p);
  const owner = can(p, "company:manage");
  return (
    <>
      <PageHeader title="Account" subtitle={me.company ? `${me.company.name} · ${me.user.role}` : `Staff · ${me.user.role}`} />
      <div className="grid gap-4 md:grid-cols-2">
        <Card title="You">
          <dl className="space-y-1 p-4 text-sm">
            <div>
              <dt className="inline text-slate-500">Name: </dt>
              <dd className="inline">{me.user.name}</dd>
            </div>
            <div>
              <dt className="inline text-slate-500">Email: </dt>
              <dd className="inline">{me.user.email}</dd>
            </div>
            <div>
              <dt className="inline text-slate-500">May: </dt>
              <dd className="inline font-mono text-xs" data-testid="permissions">
                {me.permissions.join(", ")}
              </dd>
            </div>
          </dl>
          <div className="flex flex-wrap gap-3 border-t border-slate-100 p-4">
            <Link className="text-sm text-sky-700 hover:underline" href="/docs" data-testid="api-docs-link">
              API reference
            </Link>
            {owner ? (
              <>
                <Link className="text-sm text-sky-700 hover:underline" href="/account/users" data-testid="manage-users">
                  Users and invitations
                </Link>
                <Link className="text-sm text-sky-700 hover:underline" href="/account/api-keys" data-testid="manage-keys">
                  API keys
                </Link>
                <Link className="text-sm text-sky-700 hover:underline" href="/account/company" data-testid="manage-company">
                  Addresses and contact emails
                </Link>
                <Link className="text-sm text-sky-700 hover:underline" href="/account/webhooks" data-testid="manage-webhooks">
                  Webhooks
                </Link>
              </>
            ) : null}
          </div>
        </Card>
        <Card title="Password">
          <ChangePasswordForm />
        </Card>
      </div>
    </>
  );
}
