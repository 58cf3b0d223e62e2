import type { Metadata } from "next";
import { requireStaff } from "@/lib/auth/session";
import { listCjSuppliers } from "@/lib/catalog/list-cj-suppliers";
import { listPriceListSuppliers } from "@/lib/catalog/list-price-list-suppliers";
import { ImportPriceList } from "@/components/ops/import/import-price-list";
import { ImportProducts } from "@/components/ops/import/import-products";
import { PageHeader } from "@/components/ui/ui";

export const metadata: Metadata = { title: "Import products · Ops" };

/**
 * Add CJ products by id, SKU or URL list (each variant becomes an offer,
 * priced through the markup rules), and upload a supplier's CSV price list.
 */
export default async function OpsImportPage() {
  await requireStaff("/ops/import");
  const [suppliers, priceListSuppliers] = await Promise.all([listCjSuppliers(), listPriceListSuppliers()]);
  return (
    <>
      <PageHeader title="Import products" subtitle="From CJ Dropshipping: duplicates are detected, prices come from the markup rules." />
      <ImportProducts suppliers={suppliers} />
      <div className="mt-8">
        <ImportPriceList suppliers={priceListSuppliers} />
      </div>
    </>
  );
}
