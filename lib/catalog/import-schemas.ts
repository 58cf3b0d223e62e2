import { z } from "zod";

/** POST /api/ops/products/import and the import page's form. */
export const importCjProductsSchema = z.object({
  /** Default: the active CJ supplier. */
  supplierId: z.string().trim().min(1).max(100).nullish(),
  /** Product ids, SKUs or URLs; a line may hold several, separated by spaces or commas. */
  inputs: z.array(z.string().max(2000)).min(1, "Paste at least one CJ product id or URL").max(500),
});
export type ImportCjProductsInput = z.infer<typeof importCjProductsSchema>;

/** A price-list upload bigger than this is refused (413): 10,000 rows fit in well under 1 MiB. */
export const MAX_PRICE_LIST_BYTES = 5 * 1024 * 1024;

/** POST /api/ops/suppliers/{id}/price-list as JSON (the raw file may instead be sent as text/csv). */
export const priceListUploadSchema = z.object({
  csv: z.string({ error: "Required: the price list's CSV text" }),
});
