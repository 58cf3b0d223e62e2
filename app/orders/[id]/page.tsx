import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/logger";
import { getOrder } from "@/lib/orders/get-order";
import type { OrderDto } from "@/lib/orders/order-dto";
import { OrderDetailView } from "@/components/orders/order-detail-view";

export const metadata: Metadata = { title: "Order" };

type Props = { params: Promise<{ id: string }> };

export default async function OrderPage({ params }: Props) {
  const { id } = await params;
  const principal = await requireUser(`/orders/${encodeURIComponent(id)}`);
  let initial: OrderDto | null = null;
  try {
    // getOrder decides visibility, as for the API: another company's order is not found, like a missing one
    initial = await getOrder(principal, id);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    // anything else (the database briefly away): the page renders and the client fetches, showing why
    log.warn("order page rendered without its order", { err });
  }
  return <OrderDetailView key={id} id={id} initial={initial} />;
}
