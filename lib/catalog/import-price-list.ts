import "server-only";
import { db, TX_OPTIONS, type Tx } from "../db/client";
import { AppError } from "../errors";
import { log } from "../logger";
import { notifyOffersChanged } from "./offers/notify-offers-changed";
import { newProductPricer, pricerFor } from "./offers/price-new-product";
import { upsertListedOffers } from "./offers/upsert-listed-offers";
import { parsePriceList, type PriceListError, type PriceListRow } from "./price-list-csv";

/**
 * Import a supplier's CSV price list (docs/suppliers.md (WesellCellular), for accounts without
 * API access): all or nothing. If any row is bad nothing changes and every
 * error comes back with its line; otherwise one transaction writes this
 * supplier's offers through the catalog's one offer writer
 * (offers/upsert-listed-offers.ts: a row naming our SKU updates the offer the
 * supplier already has for that product) and writes the sync log. A rejected file is logged too (status "error"), so ops see
 * the attempt; the catalog itself is untouched.
 *
 * The file speaks for this supplier's offers only: existing products keep
 * their name and attributes, and offers not in the file are left as they are
 * (a partial file must not zero the rest). After the commit the touched
 * products go through afterOffersChanged like any other offer change:
 * visibility, stock alerts, and the price following the routed offer's cost
 * through the markup rules (a big move waits for ops approval).
 */
export type ImportPriceListInput = { supplierId: string; csv: string; /** When the price list was true. */ asOf: Date };

export type PriceListImportReport = {
  ok: boolean;
  /** Offers new at this supplier. */
  added: number;
  /** Offers whose cost or stock changed. */
  updated: number;
  unchanged: number;
  /** Rows skipped because we hold data for that offer newer than asOf. */
  stale: number;
  /** Products created for SKUs the catalog did not have. */
  newProducts: number;
  errors: PriceListError[];
  syncLogId: string;
};

export const PRICE_LIST_SYNC_TYPE = "price_list";

/**
 * What the pricing policy for new products (offers/price-new-product.ts)
 * gives a cost when no markup rule is set up: the engine's default (cost +
 * 12 %, up to the dollar). Never "0.00": a cost that cannot be priced is bad
 * data (the CSV parser refuses it before this).
 */
export function defaultResellerPrice(cost: string): string {
  const price = pricerFor([])({ cost, brand: "" });
  if (!price) throw new AppError("validation_failed", `Cannot price a product at cost ${cost}`, { fields: { Price: "must be greater than 0" } });
  return price;
}

export async function importPriceList(input: ImportPriceListInput): Promise<PriceListImportReport> {
  const startedAt = new Date();
  const t0 = performance.now();
  const supplier = await db.supplier.findUnique({ where: { id: input.supplierId }, select: { id: true } });
  if (!supplier) throw new AppError("not_found", "Supplier not found");
  const finished = () => ({ startedAt, finishedAt: new Date(), durationMs: Math.round(performance.now() - t0) });

  const parsed = parsePriceList(input.csv);
  if (!parsed.ok) {
    const failedLines = new Set(parsed.errors.map((e) => e.line)).size;
    const entry = await db.supplierSyncLog.create({
      data: {
        supplierId: supplier.id,
        type: PRICE_LIST_SYNC_TYPE,
        status: "error",
        failed: failedLines,
        message: summarise(parsed.errors),
        ...finished(),
      },
      select: { id: true },
    });
    return { ok: false, added: 0, updated: 0, unchanged: 0, stale: 0, newProducts: 0, errors: parsed.errors, syncLogId: entry.id };
  }

  let applied: { report: PriceListImportReport; touched: string[] };
  try {
    applied = await db.$transaction(async (tx) => {
      const { touched, ...counts } = await applyRows(tx, supplier.id, parsed.rows, input.asOf);
      const entry = await tx.supplierSyncLog.create({
        data: {
          supplierId: supplier.id,
          type: PRICE_LIST_SYNC_TYPE,
          status: "success",
          seen: parsed.rows.length,
          added: counts.added,
          changed: counts.updated,
          failed: 0,
          message: `${counts.added} added, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.stale} stale, ${counts.newProducts} new products`,
          ...finished(),
        },
        select: { id: true },
      });
      return { report: { ok: true, ...counts, errors: [], syncLogId: entry.id }, touched };
    }, TX_OPTIONS);
  } catch (err) {
    // The transaction rolled back; record the failure outside it, best effort.
    const message = err instanceof Error ? err.message : String(err);
    await db.supplierSyncLog
      .create({
        data: {
          supplierId: supplier.id,
          type: PRICE_LIST_SYNC_TYPE,
          status: "error",
          seen: parsed.rows.length,
          failed: parsed.rows.length,
          message: message.slice(0, 1000),
          ...finished(),
        },
      })
      .catch((logErr: unknown) => log.warn("could not record failed price list import", { error: String(logErr) }));
    throw err;
  }
  // Outside the transaction: these steps read what it committed (and retry a deadlock with a concurrent sync).
  await notifyOffersChanged(applied.touched);
  return applied.report;
}

type Counts = Omit<PriceListImportReport, "ok" | "errors" | "syncLogId">;

async function applyRows(tx: Tx, supplierId: string, rows: PriceListRow[], asOf: Date): Promise<Counts & { touched: string[] }> {
  const written = await upsertListedOffers(tx, {
    supplierId,
    asOf,
    priceOf: await newProductPricer(tx),
    rows: rows.map((r) => ({
      sku: r.sku,
      name: `${r.model} ${r.storage} Grade ${r.grade}`,
      brand: r.brand,
      model: r.model,
      storage: r.storage,
      color: r.color,
      grade: r.grade,
      cost: r.price,
      stock: r.stock,
    })),
  });
  const counts: Counts = { added: 0, updated: 0, unchanged: 0, stale: 0, newProducts: written.newProducts };
  for (const o of written.outcomes) {
    // The parser refuses a price that cannot be priced; should one get here, the whole list is refused.
    if (o.kind === "unpriced")
      throw new AppError("validation_failed", `Cannot price ${o.row.sku} at cost ${o.row.cost}`, { fields: { Price: "must be greater than 0" } });
    if (o.kind === "duplicate") throw new AppError("validation_failed", `${o.row.sku} names the same product as ${o.of}`, { fields: { SKU: "appears twice" } });
    counts[o.kind]++;
  }
  return { ...counts, touched: written.productIds };
}

function summarise(errors: PriceListError[]): string {
  const first = errors
    .slice(0, 3)
    .map((e) => `line ${e.line}: ${e.message}`)
    .join("; ");
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : "";
  return `Price list rejected, nothing imported: ${first}${more}`.slice(0, 1000);
}
