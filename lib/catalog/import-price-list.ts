import "server-only";
import { db, TX_OPTIONS, type Tx } from "../db/client";
import { AppError } from "../errors";
import { log } from "../logger";
import { money } from "../money";
import { loadMarkupRules } from "../pricing/load-markup-rules";
import { priceForCost } from "../pricing/price-for-cost";
import { notifyOffersChanged } from "./sync/notify-offers-changed";
import { recomputeProductStock } from "./apply-inventory";
import { parsePriceList, type PriceListError, type PriceListRow } from "./price-list-csv";

/**
 * Import a supplier's CSV price list (docs/suppliers.md (WesellCellular), for accounts without
 * API access): all or nothing. If any row is bad nothing changes and every
 * error comes back with its line; otherwise one transaction upserts the
 * products and this supplier's offers, recomputes product stock and writes
 * the sync log. A rejected file is logged too (status "error"), so ops see
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
 * The price of a product first seen in a price list when no markup rule is
 * set up: the pricing engine's default (cost + 12 %, up to the dollar, as
 * prisma/seed.ts prices). New products are priced through the markup rules
 * (lib/pricing) in applyRows; this stays for callers that have no rules.
 */
export function defaultResellerPrice(cost: string): string {
  const price = priceForCost(cost, { brand: "", category: "phones" }, []);
  // Never "0.00": a cost that cannot be priced is bad data (the CSV parser refuses it before this).
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
        supplierId: supplier.id, type: PRICE_LIST_SYNC_TYPE, status: "error", failed: failedLines,
        message: summarise(parsed.errors), ...finished(),
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
          supplierId: supplier.id, type: PRICE_LIST_SYNC_TYPE, status: "success", seen: parsed.rows.length,
          added: counts.added, changed: counts.updated, failed: 0,
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
      .create({ data: { supplierId: supplier.id, type: PRICE_LIST_SYNC_TYPE, status: "error", seen: parsed.rows.length, failed: parsed.rows.length, message: message.slice(0, 1000), ...finished() } })
      .catch((logErr: unknown) => log.warn("could not record failed price list import", { error: String(logErr) }));
    throw err;
  }
  // Outside the transaction: these steps read what it committed (and retry a deadlock with a concurrent sync).
  await notifyOffersChanged(applied.touched);
  return applied.report;
}

type Counts = Omit<PriceListImportReport, "ok" | "errors" | "syncLogId">;

async function applyRows(tx: Tx, supplierId: string, rows: PriceListRow[], asOf: Date): Promise<Counts & { touched: string[] }> {
  // Two uploads for one supplier at once would race on the same offers; the second waits.
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${`price_list:${supplierId}`}))`;
  const skus = rows.map((r) => r.sku);

  const known = new Set((await tx.product.findMany({ where: { sku: { in: skus } }, select: { sku: true } })).map((p) => p.sku));
  const rules = await loadMarkupRules(tx);
  const created = await tx.product.createMany({
    data: rows.filter((r) => !known.has(r.sku)).map((r) => ({
      sku: r.sku, name: `${r.model} ${r.storage} Grade ${r.grade}`, brand: r.brand, model: r.model, storage: r.storage,
      color: r.color, grade: r.grade, stock: 0,
      // Through the markup rules, recording the cost it came from (tier prices start there).
      price: priceForCost(r.price, { brand: r.brand, category: "phones" }, rules) ?? defaultResellerPrice(r.price), priceCost: r.price,
    })),
    // Another import may add the same SKU meanwhile; its product is then ours too.
    skipDuplicates: true,
  });
  const productIdOf = new Map((await tx.product.findMany({ where: { sku: { in: skus } }, select: { id: true, sku: true } })).map((p) => [p.sku, p.id]));

  // An offer is (supplier, supplier SKU). A price list names OUR SKU, so a row also matches the
  // offer this supplier already has for that product under its own SKU (WSC-200301 for
  // GALAXYA54-128GB-A): that offer is updated, never a second one created beside it.
  const candidates = await tx.supplierOffer.findMany({
    where: { supplierId, OR: [{ supplierSku: { in: skus } }, { productId: { in: [...productIdOf.values()] } }] },
    select: { id: true, supplierSku: true, productId: true, cost: true, stock: true, sourceUpdatedAt: true, active: true },
    orderBy: [{ active: "desc" }, { updatedAt: "desc" }],
  });
  const offers = new Map<string, (typeof candidates)[number]>();
  for (const o of candidates) if (skus.includes(o.supplierSku)) offers.set(o.supplierSku, o);
  for (const [sku, productId] of productIdOf) {
    if (offers.has(sku)) continue;
    const mapped = candidates.find((o) => o.productId === productId);
    if (mapped) offers.set(sku, mapped);
  }

  const counts: Counts = { added: 0, updated: 0, unchanged: 0, stale: 0, newProducts: created.count };
  const toCreate: PriceListRow[] = [];
  const toUpdate: { id: string; productId: string; previousProductId: string; row: PriceListRow }[] = [];
  for (const row of rows) {
    const productId = productIdOf.get(row.sku)!;
    const offer = offers.get(row.sku);
    if (!offer) {
      counts.added++;
      toCreate.push(row);
      continue;
    }
    // An older list never overwrites newer data (as applyInventoryItems does for API syncs).
    if (offer.sourceUpdatedAt && offer.sourceUpdatedAt > asOf) {
      counts.stale++;
      continue;
    }
    const same = money(offer.cost) === row.price && offer.stock === row.stock && offer.productId === productId;
    if (same) counts.unchanged++;
    else counts.updated++;
    // Unchanged rows still record that the data was confirmed as of asOf.
    if (!same || offer.sourceUpdatedAt?.getTime() !== asOf.getTime()) toUpdate.push({ id: offer.id, productId, previousProductId: offer.productId, row });
  }

  if (toCreate.length) {
    await tx.supplierOffer.createMany({
      data: toCreate.map((r) => ({
        productId: productIdOf.get(r.sku)!, supplierId, supplierSku: r.sku, cost: r.price, stock: r.stock, sourceUpdatedAt: asOf,
      })),
    });
  }
  if (toUpdate.length) {
    await tx.$executeRaw`
      UPDATE "SupplierOffer" o
         SET "cost" = i.cost, "stock" = i.stock, "productId" = i.product_id, "sourceUpdatedAt" = ${asOf}, "updatedAt" = now()
        FROM unnest(${toUpdate.map((u) => u.id)}::text[], ${toUpdate.map((u) => u.productId)}::text[],
                    ${toUpdate.map((u) => u.row.price)}::numeric[], ${toUpdate.map((u) => u.row.stock)}::int[]) AS i(id, product_id, cost, stock)
       WHERE o."id" = i.id`;
  }
  // The previous product too, should an offer have been linked elsewhere: it loses that stock.
  const touched = [...new Set([...toCreate.map((r) => productIdOf.get(r.sku)!), ...toUpdate.flatMap((u) => [u.productId, u.previousProductId])])];
  if (touched.length) await recomputeProductStock(touched, tx);
  return { ...counts, touched };
}

function summarise(errors: PriceListError[]): string {
  const first = errors.slice(0, 3).map((e) => `line ${e.line}: ${e.message}`).join("; ");
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : "";
  return `Price list rejected, nothing imported: ${first}${more}`.slice(0, 1000);
}
