import { z } from "zod";

/** POST /api/ops/products/import and the import page's form. */
export const importCjProductsSchema = z.object({
  /** Default: the active CJ supplier. */
  supplierId: z.string().trim().min(1).max(100).nullish(),
  /** Product ids, SKUs or URLs; a line may hold several, separated by spaces or commas. */
  inputs: z.array(z.string().max(2000)).min(1, "Paste at least one CJ product id or URL").max(500),
});
export type ImportCjProductsInput = z.infer<typeof importCjProductsSchema>;
