import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireStaff } from "@/lib/auth/session";
import { fetchOwnApi } from "@/lib/web/server-api";
import type { OpsOrder } from "@/lib/web/types";
import { OpsOrderDetailView } from "@/components/ops/orders/ops-order-detail-view";

export const metadata: Metadata = { title: "Order · Ops" };

type Props = { params: Promise<{ id: string }> };

export default async function OpsOrderPage({ params }: Props) {
  const { id } = await params;
  await requireStaff(`/ops/orders/${encodeURIComponent(id)}`);
  const first = await fetchOwnApi<OpsOrder>(`/api/ops/orders/${encodeURIComponent(id)}`);
  if (first.status === 404) notFound();
  return <OpsOrderDetailView key={id} id={id} initial={first.data} />;
}
