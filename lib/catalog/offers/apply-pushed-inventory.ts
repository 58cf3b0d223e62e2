import "server-only";
import { db, TX_OPTIONS } from "../../db/client";
import type { InventoryItem, StockOnlyItem } from "../../suppliers/types";
import { applyOfferChanges } from "./apply-offer-changes";
import { normalizeItems, normalizeQuantity, stockOnlyRow, type IncomingRow } from "./normalize-items";
import { notifyOffersChanged } from "./notify-offers-changed";

/**
 * Apply a pushed stock and cost snapshot (PhoneX inventory.updated, CJ
 * STOCK/PRODUCT/VARIANT) to this supplier's offers, with the same set-based
 * SQL as the scheduled sync (apply-offer-changes.ts, mode
 * "push"): an offer holding data newer than `asOf`, or a full sync snapshot
 * newer than `asOf`, is left alone, so an older push never overwrites a newer
 * state. Items for products we do not carry yet are counted, not created
 * (the catalog sync and product import decide what we sell).
 */
export async function applyInventoryItems(supplierId: string, items: InventoryItem[], asOf: Date, stockOnly: readonly StockOnlyItem[] = []) {
  const seen = items.length + stockOnly.length;
  if (seen === 0) return { seen: 0, changed: 0, unmatched: 0, stale: 0, failed: 0 };
  const normalized = normalizeItems(items);
  let failed = normalized.failed;
  const rows: IncomingRow[] = [...normalized.rows];
  const priced = new Set(rows.map((r) => r.supplierSku));
  for (const s of stockOnly) {
    const quantity = normalizeQuantity(s.quantity);
    if (!s.supplierSku || quantity === null) failed++;
    // A whole item for the same SKU in this push says more; it wins.
    else if (!priced.has(s.supplierSku)) rows.push(stockOnlyRow(s.supplierSku, quantity));
  }
  const r = await db.$transaction((tx) => applyOfferChanges(tx, { supplierId, source: { kind: "rows", rows }, asOf, mode: "push" }), TX_OPTIONS);
  await notifyOffersChanged(r.productIds);
  return { seen, changed: r.changed, unmatched: r.unmatched, stale: r.superseded ? rows.length : r.newer, failed };
}
