import type { Metadata } from "next";
import { requireStaff } from "@/lib/auth/session";
import { firstParam } from "@/lib/web/format";
import { OpsBoard } from "@/components/ops/orders/ops-board";

export const metadata: Metadata = { title: "Ops board" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function OpsOrdersPage({ searchParams }: Props) {
  await requireStaff("/ops/orders");
  const sp = await searchParams;
  return <OpsBoard initialStatus={firstParam(sp.status)} initialQ={firstParam(sp.q)} />;
}
