import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma, Tx } from "../../db/client";
import { money } from "../../money";
import { alertStateFor } from "../alert-state";
import { createProducts, type NewProduct } from "./create-products";
import type { NewProductPricer } from "./price-new-product";
import { recomputeProductStock } from "./recompute-product-stock";
import { replaceOfferStock, type WarehouseStock } from "./replace-offer-stock";

/**
 * Offers a supplier lists row by row (a CSV price list, a CJ product import),
 * written the way the sync writes them: an offer is (supplier, supplier SKU),
 * and a row's SKU names our product. A row matches
 *  1. the offer under its supplier SKU, else
 *  2. the offer this supplier already has for the product with that SKU
 *     (under whatever key: WSC-200301 for GALAXYA54-128GB-A), which is then
 *     updated, and re-keyed when the row brings the supplier's real SKU;
 * and only with neither is an offer added, on the product with that SKU,
 * created (priced by the one policy) if the catalog has none. So one
 * supplier never holds two offers for one product and its stock never counts
 * twice. Runs inside the caller's transaction; the caller hands `productIds`
 * to notifyOffersChanged after commit (visibility, alerts, the price
 * following the new cost through the markup rules and approvals).
 */
export type ListedOffer = Omit<NewProduct, "currency"> & {
  /** The supplier's own SKU, when the row carries one (CJ's vid); a price list names ours only. */
  supplierSku?: string;
  stock: number;
  /** Per-warehouse stock, where the supplier gives it: replaces the offer's rows. */
  warehouses?: WarehouseStock[];
};

export type ListedOutcome =
  | { kind: "added" | "updated" | "unchanged"; row: ListedOffer; offerId: string; productId: string; sku: string; name: string; newProduct: boolean }
  | { kind: "stale"; row: ListedOffer; offerId: string; productId: string; sku: string; name: string; newProduct: false }
  | { kind: "unpriced"; row: ListedOffer }
  /** A second row (or a second supplier SKU) for a product this supplier already offers: not added, its stock would count twice. */
  | { kind: "duplicate"; row: ListedOffer; sku: string; of: string };

export type UpsertListedInput = {
  supplierId: string;
  rows: readonly ListedOffer[];
  /** When the list was true: an offer holding newer data is left alone ("stale"). */
  asOf: Date;
  priceOf: NewProductPricer;
  /** New offers start in the alert state their stock is in (the import report already tells ops). */
  lowStockThreshold?: number;
};

export async function upsertListedOffers(tx: Tx, input: UpsertListedInput): Promise<{ outcomes: ListedOutcome[]; productIds: string[]; newProducts: number }> {
  const { supplierId, asOf } = input;
  // Two lists for one supplier at once would race on the same offers; the second waits.
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${`offers:${supplierId}`}))`;
  const rows = [...new Map(input.rows.map((r) => [r.supplierSku ?? r.sku, r])).values()];
  const keyOf = (r: ListedOffer) => r.supplierSku ?? r.sku;

  // Products: ours by SKU (another supplier's product is joined whatever its case), created when missing.
  const productOf = await findProducts(
    tx,
    rows.map((r) => r.sku),
  );
  const byKey = await findOffers(tx, supplierId, rows.map(keyOf));
  const missing = rows.filter((r) => !productOf.has(r.sku.toLowerCase()) && !byKey.has(keyOf(r)));
  const made = await createProducts(tx, missing, input.priceOf);
  const unpriced = new Set(made.unpriced);
  if (made.created > 0)
    for (const [k, v] of await findProducts(
      tx,
      missing.map((r) => r.sku),
    ))
      productOf.set(k, { ...v, fresh: true });

  const mapped = await tx.supplierOffer.findMany({
    where: { supplierId, productId: { in: [...new Set([...productOf.values()].map((p) => p.id))] } },
    select: OFFER_SELECT,
    orderBy: [{ active: "desc" }, { updatedAt: "desc" }],
  });
  const claimed = new Set([...byKey.values()].map((o) => o.id));
  /** The one active offer per product at this supplier, as this list leaves it. */
  const activeOf = new Map<string, { id: string; supplierSku: string }>();
  for (const o of [...mapped, ...byKey.values()]) if (o.active && !activeOf.has(o.productId)) activeOf.set(o.productId, o);
  const outcomes: ListedOutcome[] = [];
  const touched = new Set<string>();
  const warehouses: { offerId: string; warehouses: WarehouseStock[] }[] = [];
  // Written after the walk, in one INSERT and one UPDATE whatever the list's length.
  const creates: Prisma.SupplierOfferCreateManyInput[] = [];
  const updates: { id: string; cost: string; stock: number; productId: string; supplierSku: string }[] = [];

  for (const row of rows) {
    const cost = money(row.cost);
    const stock = Math.max(0, Math.trunc(row.stock));
    const product = productOf.get(row.sku.toLowerCase());
    // A row naming only our SKU means this supplier's offer for that product, whatever its key.
    const active = product ? activeOf.get(product.id) : undefined;
    let offer = row.supplierSku === undefined && active ? mapped.find((o) => o.id === active.id) : byKey.get(keyOf(row));
    if (!offer && product) {
      offer = mapped.find((o) => o.productId === product.id && !claimed.has(o.id));
      if (offer) claimed.add(offer.id);
    }
    const productId = product?.id ?? offer?.productId;
    const holder = productId ? activeOf.get(productId) : undefined;
    if (holder && holder.id !== offer?.id) {
      outcomes.push({ kind: "duplicate", row, sku: product?.sku ?? row.sku, of: holder.supplierSku });
      continue;
    }
    if (!offer) {
      if (!product || unpriced.has(row.sku)) {
        outcomes.push({ kind: "unpriced", row });
        continue;
      }
      const created = { id: randomUUID() };
      creates.push({
        id: created.id,
        productId: product.id,
        supplierId,
        supplierSku: keyOf(row),
        cost,
        stock,
        sourceUpdatedAt: asOf,
        ...(input.lowStockThreshold !== undefined ? { alertState: alertStateFor(stock, input.lowStockThreshold) } : {}),
      });
      activeOf.set(product.id, { id: created.id, supplierSku: keyOf(row) });
      touched.add(product.id);
      if (row.warehouses) warehouses.push({ offerId: created.id, warehouses: row.warehouses });
      outcomes.push({
        kind: "added",
        row,
        offerId: created.id,
        productId: product.id,
        sku: product.sku,
        name: product.name,
        newProduct: product.fresh === true,
      });
      continue;
    }
    const target = product ?? { id: offer.productId, sku: offer.product.sku, name: offer.product.name };
    const view = { row, offerId: offer.id, productId: target.id, sku: target.sku, name: target.name, newProduct: false as const };
    // An older list never overwrites newer data (as a push does not).
    if (offer.sourceUpdatedAt && offer.sourceUpdatedAt > asOf) {
      outcomes.push({ kind: "stale", ...view });
      continue;
    }
    activeOf.set(target.id, { id: offer.id, supplierSku: row.supplierSku ?? offer.supplierSku });
    if (row.warehouses) warehouses.push({ offerId: offer.id, warehouses: row.warehouses });
    const rekey = row.supplierSku !== undefined && offer.supplierSku !== row.supplierSku;
    const same = money(offer.cost) === cost && offer.stock === stock && offer.productId === target.id && offer.active && !rekey;
    // Unchanged rows still record that the data was confirmed as of asOf.
    if (!same || offer.sourceUpdatedAt?.getTime() !== asOf.getTime()) {
      updates.push({ id: offer.id, cost, stock, productId: target.id, supplierSku: rekey ? row.supplierSku! : offer.supplierSku });
    }
    if (!same) {
      // The previous product too, should the offer have been linked elsewhere: it loses that stock.
      touched.add(target.id);
      touched.add(offer.productId);
    }
    outcomes.push({ kind: same ? "unchanged" : "updated", ...view });
  }
  if (creates.length) await tx.supplierOffer.createMany({ data: creates });
  if (updates.length) {
    const col = <K extends keyof (typeof updates)[number]>(k: K) => updates.map((u) => u[k]);
    await tx.$executeRaw`
      UPDATE "SupplierOffer" o
         SET "cost" = u."cost", "stock" = u."stock", "active" = true, "productId" = u."productId", "supplierSku" = u."supplierSku",
             "sourceUpdatedAt" = ${asOf}, "updatedAt" = now()
        FROM unnest(${col("id")}::text[], ${col("cost")}::numeric[], ${col("stock")}::int[], ${col("productId")}::text[], ${col("supplierSku")}::text[])
          AS u("id", "cost", "stock", "productId", "supplierSku")
       WHERE o."id" = u."id"`;
  }
  await replaceOfferStock(warehouses, tx);
  const productIds = [...touched];
  if (productIds.length) await recomputeProductStock(productIds, tx);
  return { outcomes, productIds, newProducts: made.created };
}

const OFFER_SELECT = {
  id: true,
  supplierSku: true,
  productId: true,
  cost: true,
  stock: true,
  active: true,
  sourceUpdatedAt: true,
  product: { select: { sku: true, name: true } },
} as const;

async function findOffers(tx: Tx, supplierId: string, keys: string[]) {
  const rows = await tx.supplierOffer.findMany({ where: { supplierId, supplierSku: { in: keys } }, select: OFFER_SELECT });
  return new Map(rows.map((o) => [o.supplierSku, o]));
}

/** Products by SKU, keyed lower-case: an exact match wins over one that differs in case only. */
async function findProducts(tx: Tx, skus: string[]) {
  const lowered = [...new Set(skus.map((s) => s.toLowerCase()))];
  const found = await tx.$queryRaw<{ id: string; sku: string; name: string }[]>`
    SELECT "id", "sku", "name" FROM "Product" WHERE lower("sku") = ANY(${lowered}::text[])`;
  const exact = new Set(skus);
  const out = new Map<string, { id: string; sku: string; name: string; fresh?: boolean }>();
  // Exact matches last, so they win the key.
  for (const p of found.sort((a, b) => Number(exact.has(a.sku)) - Number(exact.has(b.sku)))) out.set(p.sku.toLowerCase(), p);
  return out;
}
