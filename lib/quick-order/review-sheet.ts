import "server-only";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";
import { readCompanyCatalog } from "../catalog/read-company-catalog";
import { matchRows, normalize, type ReviewRow, type ReviewSummary } from "./match-rows";
import { parseSheetBytes, parseSheetText, type ParsedSheet } from "./parse-sheet";
import { MAX_SHEET_ROWS } from "./schemas";

export type SheetReview = { rows: ReviewRow[]; summary: ReviewSummary; ignoredColumns: string[] };

/**
 * POST /api/quick-order/review: a pasted or uploaded sheet, each row matched to the catalog of
 * the caller's company with its price and what is available now (lib/quick-order/match-rows.ts).
 * Reads only the products the sheet names (its SKUs and brands), in one statement. Nothing is
 * written: ordering, offering and saving go through their own routes.
 */
export async function reviewSheet(principal: Principal, sheet: { bytes: Uint8Array } | { text: string }): Promise<SheetReview> {
  if (!principal.companyId) throw new AppError("forbidden", "Quick order is for reseller accounts");
  const field = "bytes" in sheet ? "file" : "text";
  const parsed: ParsedSheet =
    "bytes" in sheet ? await parseSheetBytes(sheet.bytes, { maxRows: MAX_SHEET_ROWS }) : parseSheetText(sheet.text, { maxRows: MAX_SHEET_ROWS });
  if (!parsed.ok) {
    if (parsed.error.startsWith("At most ")) throw new AppError("payload_too_large", parsed.error, { fields: { [field]: parsed.error } });
    throw new AppError("validation_failed", parsed.error, { fields: { [field]: parsed.error } });
  }
  const valid = parsed.rows.filter((r) => r.errors.length === 0);
  const { products, pricing } = await readCompanyCatalog(principal.companyId, {
    skus: valid.flatMap((r) => r.sku ?? []),
    brands: valid.flatMap((r) => (r.brand && r.model ? [normalize.brand(r.brand)] : [])),
  });
  const { rows, summary } = matchRows(parsed.rows, products, pricing);
  return { rows, summary, ignoredColumns: parsed.ignoredColumns };
}
