import "server-only";
import { db } from "../../db/client";
import { toSupplierViews } from "./supplier-view";
import type { SupplierView } from "./types";

/** Every supplier for the admin page, active ones first; secrets reduced to which are set. */
export async function listSuppliers(): Promise<SupplierView[]> {
  const rows = await db.supplier.findMany({ orderBy: [{ active: "desc" }, { name: "asc" }] });
  return toSupplierViews(rows);
}
