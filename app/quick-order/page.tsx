import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { isStaff } from "@/lib/auth/principal";
import { QuickOrderView } from "@/components/quick-order/quick-order-view";
import { PageHeader } from "@/components/ui/ui";

export const metadata: Metadata = { title: "Quick order" };

export default async function QuickOrderPage() {
  const user = await requireUser("/quick-order");
  // Staff do not order (an order needs a company).
  if (isStaff(user)) redirect("/ops/orders");
  return (
    <>
      <PageHeader title="Quick order" subtitle="Paste or upload a spreadsheet: we match each row to the catalog and show what is available now." />
      <QuickOrderView canOrder={can(user, "orders:write")} />
    </>
  );
}
