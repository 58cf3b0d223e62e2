import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { isStaff } from "@/lib/auth/principal";
import { Catalog } from "@/components/catalog/catalog";
import { PageHeader } from "@/components/ui/ui";

export default async function CatalogPage() {
  // Staff land on the ops board, resellers on the catalog.
  if (isStaff(await requireUser("/"))) redirect("/ops/orders");
  return (
    <>
      <PageHeader title="Catalog" subtitle="Graded devices with live stock and your prices." />
      <Catalog />
    </>
  );
}
