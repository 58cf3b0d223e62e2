import "server-only";
import { db } from "../db/client";

/** The active CJ accounts products can be imported from (the import page's choice). */
export function listCjSuppliers() {
  return db.supplier.findMany({ where: { type: "cj", active: true }, orderBy: { slug: "asc" }, select: { id: true, name: true } });
}
