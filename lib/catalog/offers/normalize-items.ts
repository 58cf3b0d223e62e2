import type { InventoryItem } from "../../suppliers/types";

/**
 * Supplier items → rows for the staging table, checked at the edge so one
 * bad item is counted as failed instead of failing the whole page in SQL.
 * Pure, so it is unit-tested on its own.
 */
export type StageRow = {
  supplierSku: string;
  sku: string;
  name: string;
  brand: string;
  model: string;
  storage: string;
  color: string;
  grade: string;
  quantity: number;
  /** "123.45": two decimals, as numeric(12,2) stores it. */
  cost: string;
  currency: string;
};

/**
 * A row as a pushed update carries it: a stock-only report (a supplier that
 * told a quantity without a price) has no cost or currency, and leaves the
 * offer's own in place.
 */
export type IncomingRow = Omit<StageRow, "cost" | "currency"> & { cost: string | null; currency: string | null };

/** A stock-only report as an incoming row (matched on the supplier SKU alone). */
export function stockOnlyRow(supplierSku: string, quantity: number): IncomingRow {
  return { supplierSku, sku: supplierSku, name: "", brand: "", model: "", storage: "", color: "", grade: "", quantity, cost: null, currency: null };
}

export type NormalizedPage = { rows: StageRow[]; failed: number; failures: string[] };

/** Fits numeric(12,2). */
const MAX_COST_CENTS = 10 ** 12 - 1;
const MAX_QTY = 2_147_483_647;
const FAILURES_KEPT = 5;

const text = (v: unknown, max = 500) => (typeof v === "string" ? v.trim().slice(0, max) : "");

/** "231", "231.1", 231.10 → "231.10"; null when it is not a non-negative amount. */
export function normalizeCost(v: unknown): string | null {
  const s = typeof v === "number" ? (Number.isFinite(v) ? v.toFixed(2) : "") : text(v, 40);
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const frac = (m[2] ?? "").padEnd(3, "0");
  let cents = Number(m[1]) * 100 + Number(frac.slice(0, 2));
  if (Number(frac[2]) >= 5) cents += 1; // half up, as lib/money does
  if (!Number.isSafeInteger(cents) || cents > MAX_COST_CENTS) return null;
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}

export function normalizeQuantity(v: unknown): number | null {
  const n = typeof v === "string" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isFinite(n)) return null;
  return Math.min(MAX_QTY, Math.max(0, Math.trunc(n)));
}

export function normalizeItems(items: readonly InventoryItem[]): NormalizedPage {
  // Keyed by supplier SKU, last one wins: one INSERT … ON CONFLICT cannot touch a row twice.
  const bySku = new Map<string, StageRow>();
  const failures: string[] = [];
  let failed = 0;
  const fail = (why: string) => {
    failed++;
    if (failures.length < FAILURES_KEPT) failures.push(why);
  };
  for (const item of items) {
    const supplierSku = text(item?.supplierSku, 191);
    if (!supplierSku) {
      fail("item without a supplier SKU");
      continue;
    }
    const quantity = normalizeQuantity(item.quantity);
    const cost = normalizeCost(item.unitPrice);
    if (quantity === null || cost === null) {
      fail(
        `${supplierSku}: ${quantity === null ? `quantity ${String(item.quantity).slice(0, 20)}` : `price ${String(item.unitPrice).slice(0, 20)}`} is not valid`,
      );
      continue;
    }
    const sku = text(item.sku, 191) || supplierSku;
    bySku.set(supplierSku, {
      supplierSku,
      sku,
      name: text(item.name) || sku,
      brand: text(item.brand, 100),
      model: text(item.model, 200),
      storage: text(item.storage, 50),
      color: text(item.color, 100),
      grade: text(item.grade, 20),
      quantity,
      cost,
      currency: (text(item.currency, 3) || "USD").toUpperCase(),
    });
  }
  return { rows: [...bySku.values()], failed, failures };
}

/** Column arrays for `unnest($1::text[], …)`, in StageRow key order. */
export function toColumns(rows: readonly IncomingRow[]) {
  const col = <K extends keyof IncomingRow>(k: K) => rows.map((r) => r[k]);
  return {
    supplierSku: col("supplierSku"),
    sku: col("sku"),
    name: col("name"),
    brand: col("brand"),
    model: col("model"),
    storage: col("storage"),
    color: col("color"),
    grade: col("grade"),
    quantity: col("quantity"),
    cost: col("cost"),
    currency: col("currency"),
  };
}
