import { availableNow, companyUnitCents, productView, type CatalogProduct, type CatalogProductView, type CompanyPricing } from "../catalog/catalog-view";
import { formatCents, toCents } from "../money";
import type { CellError, SheetInput, SheetRow } from "./parse-sheet";

/**
 * Sheet rows → catalog products, with what each can have now. Pure, so every case is tested
 * without a database:
 * - a SKU matches exactly (case-insensitive); else brand, model, storage, grade (and color when
 *   given) match after normalising case, spaces and units ("128GB" = "128 GB", "Grade A" = "A");
 *   several products → ambiguous, with the candidates;
 * - the price is the company's, computed as order placement charges it (resellerPriceCents with
 *   the routed offer's cost as the fallback basis), and compared with the row's max unit price;
 * - what is available comes from routing the row over the product's offers exactly as an order
 *   would (allocateLine), rows of the same product drawing on the same stock in sheet order.
 * Supplier names and costs never leave this function: the answer is the reseller's view.
 */
export type { CatalogProduct };
/** A product as the catalog shows it to this company (the shape of GET /api/products). */
export type ReviewProduct = CatalogProductView;
export type Pricing = CompanyPricing;

export const REVIEW_STATUSES = ["matched", "partial", "over_price", "ambiguous", "unmatched", "invalid"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export type ReviewRow = {
  row: number;
  input: SheetInput;
  status: ReviewStatus;
  product?: ReviewProduct;
  candidates?: ReviewProduct[];
  /** What the row asks for (null when the quantity cell is bad). */
  quantity: number | null;
  /** What can be had now, up to the quantity (0 when nothing matched). */
  available: number;
  /** The company's unit price of the matched product. */
  unitPrice: string | null;
  maxUnitPrice: string | null;
  error?: string;
  errors?: CellError[];
};

export type ReviewSummary = Record<ReviewStatus, number> & {
  rows: number;
  /** What "Order available rows" orders: matched rows in full, partial rows' available part. */
  orderable: { lines: number; units: number; subtotal: string };
};

const squash = (s: string) => s.toLowerCase().replace(/[\s_\-.]+/g, "");
export const normalize = {
  brand: squash,
  model: (model: string, brand: string) => {
    const m = squash(model);
    const b = squash(brand);
    return b && m.startsWith(b) && m.length > b.length ? m.slice(b.length) : m;
  },
  storage: (s: string) => {
    const v = squash(s);
    return /^\d+$/.test(v) ? `${v}gb` : v;
  },
  grade: (g: string) => squash(g).replace(/^grade/, ""),
  color: (c: string) => squash(c).replace(/grey/g, "gray"),
};

const attrKey = (brand: string, model: string, storage: string, grade: string) =>
  [normalize.brand(brand), normalize.model(model, brand), normalize.storage(storage), normalize.grade(grade)].join("\u0000");

export function matchRows(rows: SheetRow[], catalog: CatalogProduct[], pricing: Pricing): { rows: ReviewRow[]; summary: ReviewSummary } {
  const bySku = new Map(catalog.map((p) => [p.sku.toUpperCase(), p]));
  const byAttrs = new Map<string, CatalogProduct[]>();
  for (const p of catalog) {
    const k = attrKey(p.brand, p.model, p.storage, p.grade);
    byAttrs.set(k, [...(byAttrs.get(k) ?? []), p]);
  }
  /** Offer stock not yet taken by earlier rows of this sheet. */
  const left = new Map(catalog.flatMap((p) => p.offers.map((o) => [o.id, o.stock] as const)));
  const view = (p: CatalogProduct) => productView(p, pricing);

  const out = rows.map((r): ReviewRow => {
    const base = { row: r.row, input: r.input, quantity: r.quantity ?? null, available: 0, unitPrice: null, maxUnitPrice: r.maxUnitPrice ?? null };
    if (r.errors.length) {
      return { ...base, status: "invalid", errors: r.errors, error: r.errors.map((e) => `${e.column}: ${e.message}`).join("; ") };
    }
    const found = find(r, bySku, byAttrs);
    if (found.kind === "none") return { ...base, status: "unmatched", error: found.why, ...(found.near.length ? { candidates: found.near.map(view) } : {}) };
    if (found.kind === "many") {
      return { ...base, status: "ambiguous", candidates: found.products.map(view), error: `${found.products.length} products fit: add the SKU or the color` };
    }
    const p = found.product;
    const unitCents = companyUnitCents(p, pricing);
    const quantity = r.quantity!;
    const offers = p.offers.map((o) => ({ ...o, stock: left.get(o.id) ?? 0 }));
    const { available, allocations } = availableNow(p, offers, quantity);
    const matched = { ...base, product: view(p), unitPrice: formatCents(unitCents), available };
    if (r.maxUnitPrice && unitCents > toCents(r.maxUnitPrice)) {
      return { ...matched, status: "over_price", error: `Our price ${formatCents(unitCents)} is over your max ${r.maxUnitPrice}` };
    }
    // Only rows that would be ordered draw on the stock left for the rows after them.
    for (const a of allocations) left.set(a.offer.id, (left.get(a.offer.id) ?? 0) - a.quantity);
    if (available < quantity) {
      return { ...matched, status: "partial", error: available === 0 ? "Out of stock now" : `Only ${available} of ${quantity} available now` };
    }
    return { ...matched, status: "matched" };
  });
  return { rows: out, summary: summarize(out) };
}

type Found = { kind: "one"; product: CatalogProduct } | { kind: "many"; products: CatalogProduct[] } | { kind: "none"; why: string; near: CatalogProduct[] };

function find(r: SheetRow, bySku: Map<string, CatalogProduct>, byAttrs: Map<string, CatalogProduct[]>): Found {
  if (r.sku) {
    const p = bySku.get(r.sku);
    if (p) return { kind: "one", product: p };
  }
  if (!(r.brand && r.model && r.storage && r.grade)) return { kind: "none", why: `No product with SKU ${r.sku}`, near: [] };
  const fits = byAttrs.get(attrKey(r.brand, r.model, r.storage, r.grade)) ?? [];
  const colored = r.color ? fits.filter((p) => normalize.color(p.color) === normalize.color(r.color!)) : fits;
  const sorted = [...colored].sort((a, b) => a.sku.localeCompare(b.sku));
  if (sorted.length === 1) return { kind: "one", product: sorted[0]! };
  if (sorted.length > 1) return { kind: "many", products: sorted };
  const what = [r.brand, r.model, r.storage, `grade ${normalize.grade(r.grade).toUpperCase()}`].join(" ");
  if (fits.length) return { kind: "none", why: `No ${what} in ${r.color}: the colors we have are listed`, near: fits };
  return { kind: "none", why: `${r.sku ? `No product with SKU ${r.sku}, and no ` : "No "}${what} in the catalog`, near: [] };
}

function summarize(rows: ReviewRow[]): ReviewSummary {
  const counts = Object.fromEntries(REVIEW_STATUSES.map((s) => [s, 0])) as Record<ReviewStatus, number>;
  let lines = 0;
  let units = 0;
  let cents = 0;
  for (const r of rows) {
    counts[r.status]++;
    if ((r.status === "matched" || r.status === "partial") && r.available > 0) {
      lines++;
      units += r.available;
      cents += toCents(r.unitPrice!) * r.available;
    }
  }
  return { rows: rows.length, ...counts, orderable: { lines, units, subtotal: formatCents(cents) } };
}
