import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireStaff } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/logger";
import { getOrderForOps } from "@/lib/orders/get-order-for-ops";
import type { OpsOrderDto } from "@/lib/orders/order-dto";
import { OpsOrderDetailView } from "@/components/ops/orders/ops-order-detail-view";

export const metadata: Metadata = { title: "Order · Ops" };

type Props = { params: Promise<{ id: string }> };

export default async function OpsOrderPage({ params }: Props) {
  const { id } = await params;
  const principal = await requireStaff(`/ops/orders/${encodeURIComponent(id)}`);
  let initial: OpsOrderDto | null = null;
  try {
    initial = await getOrderForOps(principal, id);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    // anything else (the database briefly away): the page renders and the client fetches, showing why
    log.warn("ops order page rendered without its order", { err });
  }
  return <OpsOrderDetailView key={id} id={id} initial={initial} />;
}
