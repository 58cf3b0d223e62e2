import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { ApiKeys, type Key } from "@/components/account/api-keys";
import { listApiKeys } from "@/lib/account/manage-api-keys";
import { PageHeader } from "@/components/ui/ui";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const p = await requireUser("/account/api-keys");
  if (!can(p, "company:manage")) redirect("/account");
  return (
    <>
      <PageHeader title="API keys" subtitle="Send 'Authorization: Bearer <key>'. Keys are stored hashed: a key is shown once, when it is made." />
      <ApiKeys demo={env().DEMO_MODE} initial={JSON.parse(JSON.stringify((await listApiKeys(p)).data)) as Key[]} />
    </>
  );
}
