import "server-only";
import { db } from "../db/client";
import { supplierKindsWith } from "../suppliers/registry";

/** The active suppliers products can be imported from (kinds with productImport: CJ today), the import page's choice. */
export function listCjSuppliers() {
  return db.supplier.findMany({
    where: { type: { in: supplierKindsWith("productImport") }, active: true },
    orderBy: { slug: "asc" },
    select: { id: true, name: true },
  });
}
