import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { firstParam } from "@/lib/web/format";
import { OrdersList } from "@/components/orders/orders-list";
import { Alert } from "@/components/ui/ui";

export const metadata: Metadata = { title: "Orders" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function OrdersPage({ searchParams }: Props) {
  await requireUser("/orders");
  const sp = await searchParams;
  return (
    <>
      {firstParam(sp.denied) === "ops" ? (
        <div className="mb-4">
          <Alert tone="info">The ops board is for ops staff. Here are your company&apos;s orders.</Alert>
        </div>
      ) : null}
      <OrdersList initialStatus={firstParam(sp.status)} initialQ={firstParam(sp.q)} />
    </>
  );
}
