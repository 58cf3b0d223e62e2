import "server-only";
import { db } from "../db/client";
import { supplierKindsWith } from "../suppliers/registry";

/**
 * The suppliers a CSV price list can be uploaded for (the import page's
 * choice): any of them, those of kinds whose accounts often lack API access
 * (the priceList capability: WesellCellular) first, then active before
 * inactive, by name.
 */
export async function listPriceListSuppliers() {
  const rows = await db.supplier.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: { id: true, slug: true, name: true, type: true, active: true },
  });
  const listFirst = new Set(supplierKindsWith("priceList"));
  return rows.sort((a, b) => Number(listFirst.has(b.type)) - Number(listFirst.has(a.type)));
}
