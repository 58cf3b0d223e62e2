import "server-only";
import { AppError } from "../errors";
import { log } from "../logger";
import { findSupplierRow } from "../suppliers/find-supplier";
import { importPriceList, type PriceListImportReport } from "./import-price-list";
import { MAX_PRICE_LIST_BYTES } from "./import-schemas";
import type { PriceListError } from "./price-list-csv";

/** { "line 7": "Price must be …" }: every problem on a line, in the file's order. */
function fieldsByLine(errors: PriceListError[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const e of errors) {
    const key = `line ${e.line}`;
    fields[key] = fields[key] ? `${fields[key]}; ${e.message}` : e.message;
  }
  return fields;
}

/**
 * A price list uploaded by ops for a supplier (id or slug), true as of now.
 * A rejected file changes nothing and is a 422 naming each bad line, with
 * the full error list beside it.
 */
export async function uploadPriceList(idOrSlug: string, csv: string, actor?: string): Promise<PriceListImportReport> {
  if (Buffer.byteLength(csv, "utf8") > MAX_PRICE_LIST_BYTES) {
    throw new AppError("payload_too_large", `The price list exceeds ${MAX_PRICE_LIST_BYTES} bytes`);
  }
  const supplier = await findSupplierRow(idOrSlug);
  const report = await importPriceList({ supplierId: supplier.id, csv, asOf: new Date() });
  if (!report.ok) {
    throw new AppError("validation_failed", "The price list was rejected: nothing changed", {
      fields: fieldsByLine(report.errors),
      details: { errors: report.errors, syncLogId: report.syncLogId },
    });
  }
  log.info("price list imported", {
    supplier: supplier.slug,
    added: report.added,
    updated: report.updated,
    unchanged: report.unchanged,
    stale: report.stale,
    by: actor ?? null,
  });
  return report;
}
