import type { Metadata } from "next";
import { requireStaff } from "@/lib/auth/session";
import { listWebhookSuppliers } from "@/lib/webhooks/list-webhook-events";
import { firstParam } from "@/lib/web/format";
import { WebhookLog } from "@/components/ops/webhooks/webhook-log";
import { PageHeader } from "@/components/ui/ui";

export const metadata: Metadata = { title: "Webhooks · Ops" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Every inbound supplier webhook with its outcome; replay one or a filtered set, attach a flagged one to an order. */
export default async function OpsWebhooksPage({ searchParams }: Props) {
  await requireStaff("/ops/webhooks");
  const [sp, suppliers] = await Promise.all([searchParams, listWebhookSuppliers()]);
  return (
    <>
      <PageHeader
        title="Webhook log"
        subtitle="Every webhook suppliers sent: verified or not, what it did, its headers and body. A replay goes through the normal path and changes nothing already applied."
      />
      <WebhookLog suppliers={suppliers} initialEvent={firstParam(sp.event)} initialOrder={firstParam(sp.orderId)} />
    </>
  );
}
