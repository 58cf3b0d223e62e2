import { z } from "zod";
import { wellFormedString } from "../wire/well-formed";

/** An uploaded sheet may be this large (the file part of the form, or the pasted text). */
export const MAX_SHEET_BYTES = 2 * 1024 * 1024;
/** Rows a review reads at a time (the header not counted). */
export const MAX_SHEET_ROWS = 1000;

/** POST /api/quick-order/review with a JSON body: pasted rows (a header row first, or "SKU, quantity" lines). */
export const pastedSheetSchema = z.strictObject({
  text: wellFormedString().min(1, "Paste at least a header and one row").max(MAX_SHEET_BYTES, `At most ${MAX_SHEET_BYTES} characters`),
});

/** GET /api/quick-order/template?format= */
export const templateQuerySchema = z.strictObject({ format: z.enum(["csv", "xlsx"]).default("csv") });
