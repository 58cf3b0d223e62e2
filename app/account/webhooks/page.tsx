import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listEndpoints } from "@/lib/outbound/manage-endpoints";
import { WebhookEndpoints, type Endpoint } from "@/components/account/webhook-endpoints";
import { PageHeader } from "@/components/ui/ui";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const p = await requireUser("/account/webhooks");
  if (!can(p, "webhooks:manage")) redirect("/account");
  const { data } = await listEndpoints(p);
  return (
    <>
      <PageHeader
        title="Webhooks"
        subtitle="Signed (Standard Webhooks) order events to your systems, retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h."
      />
      <WebhookEndpoints initial={JSON.parse(JSON.stringify(data)) as Endpoint[]} />
    </>
  );
}
