import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { isStaff } from "@/lib/auth/principal";
import { listLists } from "@/lib/lists/get-list";
import { ListsView } from "@/components/lists/lists-view";
import { PageHeader } from "@/components/ui/ui";

export const metadata: Metadata = { title: "Saved lists" };

export default async function ListsPage() {
  const user = await requireUser("/lists");
  if (isStaff(user)) redirect("/ops/orders");
  const { data } = await listLists(user);
  return (
    <>
      <PageHeader title="Saved lists" subtitle="Your company's lists, shared by everyone in it" />
      <ListsView lists={data} />
    </>
  );
}
