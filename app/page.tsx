import { requireUser } from "@/lib/auth/session";
import { isStaff } from "@/lib/auth/principal";
import { Catalog } from "@/components/catalog/catalog";
import { StaffCatalog } from "@/components/ops/acting-for/staff-catalog";
import { PageHeader } from "@/components/ui/ui";

export default async function CatalogPage() {
  // Resellers land on the catalog; staff on the ops board, or on the company's catalog while they act for one (the tab remembers which).
  if (isStaff(await requireUser("/"))) return <StaffCatalog />;
  return (
    <>
      <PageHeader title="Catalog" subtitle="Graded devices with live stock and your prices." />
      <Catalog />
    </>
  );
}
