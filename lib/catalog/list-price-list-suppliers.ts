import "server-only";
import { db } from "../db/client";

/**
 * The suppliers a CSV price list can be uploaded for (the import page's
 * choice): any of them, WesellCellular accounts (no API access) first, then
 * active before inactive, by name.
 */
export async function listPriceListSuppliers() {
  const rows = await db.supplier.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: { id: true, slug: true, name: true, type: true, active: true },
  });
  return rows.sort((a, b) => Number(b.type === "wesellcellular") - Number(a.type === "wesellcellular"));
}
