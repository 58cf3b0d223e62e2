import { requireUser } from "@/lib/auth/session";
import { Catalog } from "@/components/catalog/catalog";
import { PageHeader } from "@/components/ui/ui";

export default async function CatalogPage() {
  await requireUser("/");
  return (
    <>
      <PageHeader title="Catalog" subtitle="Graded devices with live stock and your prices." />
      <Catalog />
    </>
  );
}
