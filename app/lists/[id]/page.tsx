import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { isStaff } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";
import { getList } from "@/lib/lists/get-list";
import { ListDetailView } from "@/components/lists/list-detail-view";

export const metadata: Metadata = { title: "Saved list" };

type Props = { params: Promise<{ id: string }> };

export default async function ListPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser(`/lists/${encodeURIComponent(id)}`);
  if (isStaff(user)) redirect("/ops/orders");
  const list = await getList(user, id).catch((err: unknown) => {
    // Another company's list is not found, like a missing one.
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  return <ListDetailView key={list.id} list={list} canEdit={can(user, "orders:write")} />;
}
