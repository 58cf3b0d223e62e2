import "server-only";
import { findSupplierRow } from "../find-supplier";
import { toSupplierViews } from "./supplier-view";
import type { SupplierView } from "./types";

/** One supplier as the admin sees it (no secrets), by id or slug. */
export async function getSupplier(idOrSlug: string): Promise<SupplierView> {
  const [view] = await toSupplierViews([await findSupplierRow(idOrSlug)]);
  return view!;
}
