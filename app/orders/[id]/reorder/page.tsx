import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { isStaff } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";
import { reorderOrder } from "@/lib/orders/reorder-order";
import { ReorderView } from "@/components/orders/reorder-view";

export const metadata: Metadata = { title: "Order again" };

type Props = { params: Promise<{ id: string }> };

export default async function ReorderPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser(`/orders/${encodeURIComponent(id)}/reorder`);
  if (isStaff(user)) redirect(`/ops/orders/${encodeURIComponent(id)}`);
  const reorder = await reorderOrder(user, id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  return <ReorderView reorder={reorder} canOrder={can(user, "orders:write")} />;
}
