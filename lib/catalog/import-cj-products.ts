import "server-only";
import { db, TX_OPTIONS, type Tx } from "../db/client";
import { AppError } from "../errors";
import { log } from "../logger";
import { money } from "../money";
import { getSettings } from "../settings/settings";
import { supplierKind, supplierKindsWith } from "../suppliers/registry";
import { adapterFor } from "../suppliers/load-supplier";
import { SupplierError, type ImportableProduct } from "../suppliers/types";
import { afterOffersChanged } from "./offers/after-offers-changed";
import { parseCjInputs } from "./parse-cj-inputs";
import { newProductPricer, type NewProductPricer } from "./offers/price-new-product";
import { upsertListedOffers } from "./offers/upsert-listed-offers";

/**
 * Ops add CJ products by product id, SKU or URL, in bulk. Each product is
 * read from CJ with its variants and per-warehouse stock; each variant
 * becomes a SupplierOffer (supplierSku = CJ vid) on the product with the
 * variant's SKU, creating the product, priced through the markup rules, when
 * the catalog does not have it. Re-importing is safe: an offer we already
 * hold is refreshed ("updated") or left ("skipped" when nothing changed).
 * One transaction per CJ product, so a failure refuses that line only.
 */
export const MAX_IMPORT_INPUTS = 100;

export type ImportedVariant = {
  input: string;
  pid: string;
  sku: string;
  supplierSku: string;
  name: string;
  cost: string;
  stock: number;
  price: string | null;
  newProduct: boolean;
};
export type CjImportReport = {
  added: ImportedVariant[];
  updated: ImportedVariant[];
  skipped: { input: string; sku?: string; reason: string }[];
  refused: { input: string; reason: string }[];
};

/** Without a supplierId, the (first, by slug) active CJ supplier. */
export async function importCjProducts(input: { supplierId?: string | null; inputs: string[] }): Promise<CjImportReport> {
  const supplier = input.supplierId
    ? await db.supplier.findUnique({ where: { id: input.supplierId }, select: { id: true, type: true } })
    : await db.supplier.findFirst({
        where: { type: { in: supplierKindsWith("productImport") }, active: true },
        orderBy: { slug: "asc" },
        select: { id: true, type: true },
      });
  if (!supplier)
    throw new AppError(input.supplierId ? "not_found" : "validation_failed", input.supplierId ? "Supplier not found" : "No active CJ supplier is set up");
  const supplierId = supplier.id;
  const inputs = input.inputs;
  if (!supplierKind(supplier.type).capabilities.productImport) {
    throw new AppError("validation_failed", "Products can be imported from a CJ Dropshipping supplier only", { fields: { supplierId: "Not a CJ supplier" } });
  }
  const parsed = parseCjInputs(inputs);
  if (parsed.refs.length > MAX_IMPORT_INPUTS) {
    throw new AppError("validation_failed", `At most ${MAX_IMPORT_INPUTS} products per import`, { fields: { inputs: `${parsed.refs.length} given` } });
  }
  const report: CjImportReport = { added: [], updated: [], skipped: [...parsed.duplicates], refused: [...parsed.refused] };
  if (parsed.refs.length === 0) return report;

  const { adapter } = await adapterFor({ id: supplierId });
  if (!adapter.importProduct) throw new AppError("internal_error", "This supplier's adapter cannot import products");
  const [priceOf, settings] = await Promise.all([newProductPricer(), getSettings()]);
  const pidFrom = new Map<string, string>();
  const touched = new Set<string>();

  // One product at a time: the client paces calls to the account's QPS anyway.
  for (const { input, ref } of parsed.refs) {
    let product: ImportableProduct;
    try {
      product = await adapter.importProduct(ref);
    } catch (err) {
      report.refused.push({ input, reason: cjReason(err) });
      continue;
    }
    const first = pidFrom.get(product.id);
    if (first !== undefined) {
      report.skipped.push({ input, reason: `Same product as ${first}` });
      continue;
    }
    pidFrom.set(product.id, input);
    if (product.items.length === 0) {
      report.refused.push({ input, reason: "CJ lists no variants for this product" });
      continue;
    }
    try {
      const saved = await db.$transaction((tx) => saveProduct(tx, supplierId, input, product, priceOf, settings.lowStockThreshold), TX_OPTIONS);
      for (const v of saved.added) report.added.push(v);
      for (const v of saved.updated) report.updated.push(v);
      report.skipped.push(...saved.skipped);
      report.refused.push(...saved.refused);
      saved.productIds.forEach((id) => touched.add(id));
    } catch (err) {
      log.warn("cj import: could not save product", { input, pid: product.id, err });
      report.refused.push({ input, reason: "Could not save this product; try again" });
    }
  }

  // Stock, visibility, alerts and prices follow the new offers like any other offer change.
  await afterOffersChanged([...touched]);
  const prices = new Map(
    (await db.product.findMany({ where: { id: { in: [...touched] } }, select: { sku: true, price: true } })).map((p) => [p.sku, money(p.price)]),
  );
  for (const v of [...report.added, ...report.updated]) v.price = prices.get(v.sku) ?? v.price;
  return report;
}

function cjReason(err: unknown): string {
  if (err instanceof SupplierError) {
    if (err.details.code === "product_not_found") return "Not found at CJ";
    return `CJ did not answer (${err.message.slice(0, 200)}); try again`;
  }
  log.warn("cj import: unexpected error", { err });
  return "Unexpected error reading this product from CJ";
}

async function saveProduct(tx: Tx, supplierId: string, input: string, product: ImportableProduct, priceOf: NewProductPricer, threshold: number) {
  const out = {
    added: [] as ImportedVariant[],
    updated: [] as ImportedVariant[],
    skipped: [] as CjImportReport["skipped"],
    refused: [] as CjImportReport["refused"],
    productIds: [] as string[],
  };
  const written = await upsertListedOffers(tx, {
    supplierId,
    asOf: new Date(),
    priceOf,
    lowStockThreshold: threshold,
    // Our SKU is the variant SKU; the offer's key is CJ's vid.
    rows: product.items.map((item) => ({
      supplierSku: item.supplierSku,
      sku: item.sku,
      name: productName(item),
      brand: item.brand,
      model: item.model,
      storage: item.storage,
      color: item.color,
      grade: item.grade,
      cost: money(item.unitPrice),
      stock: item.quantity,
      warehouses: item.warehouses,
    })),
  });
  for (const o of written.outcomes) {
    const line = { input, pid: product.id, supplierSku: o.row.supplierSku!, cost: money(o.row.cost), stock: Math.max(0, Math.trunc(o.row.stock)) };
    if (o.kind === "unpriced") {
      out.refused.push({ input: `${input} (${o.row.sku})`, reason: `CJ gives no usable cost for variant ${o.row.sku}` });
      continue;
    }
    if (o.kind === "duplicate") {
      out.skipped.push({ input, sku: o.sku, reason: `This supplier already offers ${o.sku} (as ${o.of})` });
      continue;
    }
    out.productIds.push(o.productId);
    if (o.kind === "unchanged" || o.kind === "stale") out.skipped.push({ input, sku: o.sku, reason: "Already imported, unchanged" });
    else if (o.kind === "updated") out.updated.push({ ...line, sku: o.sku, name: o.name, price: null, newProduct: false });
    else out.added.push({ ...line, sku: o.sku, name: o.name, price: null, newProduct: o.newProduct });
  }
  return out;
}

/** The catalog's naming ("iPhone 13 128GB Grade B") when CJ's name could be read apart; CJ's own otherwise. */
function productName(i: { name: string; model: string; storage: string; grade: string }): string {
  if (!i.model || !i.grade) return i.name;
  return [i.model, i.storage, `Grade ${i.grade}`].filter(Boolean).join(" ");
}
