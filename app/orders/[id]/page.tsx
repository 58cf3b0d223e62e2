import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { fetchOwnApi } from "@/lib/web/server-api";
import type { Order } from "@/lib/web/types";
import { OrderDetailView } from "@/components/orders/order-detail-view";

export const metadata: Metadata = { title: "Order" };

type Props = { params: Promise<{ id: string }> };

export default async function OrderPage({ params }: Props) {
  const { id } = await params;
  await requireUser(`/orders/${encodeURIComponent(id)}`);
  // the API decides visibility: another company's order is a 404 like a missing one
  const first = await fetchOwnApi<Order>(`/api/orders/${encodeURIComponent(id)}`);
  if (first.status === 404 || first.status === 403) notFound();
  return <OrderDetailView key={id} id={id} initial={first.data} />;
}
