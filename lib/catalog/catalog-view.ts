import { formatCents, toCents } from "../money";
import { resellerPriceCents } from "../pricing/reseller-price";
import type { MarkupRuleInput } from "../pricing/types";
import { allocateLine, sortOffers, type Allocation, type OfferForRouting } from "./allocate-lines";

/**
 * A product with its usable offers, and what a company sees of it: its price (the one order
 * placement charges: resellerPriceCents with the routed offer's cost as the fallback basis) and
 * what an order could have now (routed over the offers by allocateLine, as an order is). Pure;
 * read by lib/catalog/read-company-catalog.ts. Used by quick order, saved lists and reorder.
 * The view never carries suppliers or costs: it is what a reseller may see.
 */
export type CatalogProduct = {
  id: string;
  sku: string;
  name: string;
  brand: string;
  model: string;
  storage: string;
  color: string;
  grade: string;
  category: string;
  price: string;
  priceCost: string | null;
  stock: number;
  active: boolean;
  offers: OfferForRouting[];
};

export type CompanyPricing = { rules: readonly MarkupRuleInput[]; tier: string | null };

/** A product as GET /api/products shows it to the company. */
export type CatalogProductView = {
  sku: string;
  name: string;
  brand: string;
  model: string;
  storage: string;
  color: string;
  grade: string;
  price: string;
  stock: number;
  active: boolean;
};

export function companyUnitCents(p: CatalogProduct, pricing: CompanyPricing): number {
  const routedCost = sortOffers(p.offers.filter((o) => o.stock > 0))[0]?.cost ?? null;
  return resellerPriceCents({ ...p, routedCost }, pricing.rules, pricing.tier);
}

export function productView(p: CatalogProduct, pricing: CompanyPricing): CatalogProductView {
  return {
    sku: p.sku,
    name: p.name,
    brand: p.brand,
    model: p.model,
    storage: p.storage,
    color: p.color,
    grade: p.grade,
    price: formatCents(companyUnitCents(p, pricing)),
    stock: p.stock,
    active: p.active,
  };
}

/**
 * How many of `quantity` an order could have now, routed as an order is, and the allocations
 * that would take them (to draw several lines of one product from the same stock). An inactive
 * product (order placement refuses it) has none.
 */
export function availableNow<O extends OfferForRouting>(
  p: { active: boolean },
  offers: O[],
  quantity: number,
): { available: number; allocations: Allocation<O>[] } {
  if (!p.active || quantity <= 0) return { available: 0, allocations: [] };
  const whole = allocateLine(offers, quantity);
  if (whole.ok) return { available: quantity, allocations: whole.allocations };
  const part = whole.available > 0 ? allocateLine(offers, whole.available) : null;
  return { available: whole.available, allocations: part?.ok ? part.allocations : [] };
}

export type LineNowStatus = "available" | "partial" | "over_price" | "not_sold";
export type LineNow = {
  product: CatalogProductView | null;
  /** What an order could have now, up to the quantity. */
  available: number;
  unitPrice: string | null;
  status: LineNowStatus;
};

/**
 * Lines (a saved list's, a past order's) as they stand now for a company: the product (null
 * when it is gone or off sale), its price, and what an order could have, lines of one product
 * drawing on the same stock in order. A line over its max unit price takes no stock.
 */
export function linesNow(
  lines: readonly { sku: string; quantity: number; maxUnitPrice?: string | null }[],
  products: readonly CatalogProduct[],
  pricing: CompanyPricing,
): LineNow[] {
  const bySku = new Map(products.map((p) => [p.sku.toUpperCase(), p]));
  const left = new Map(products.flatMap((p) => p.offers.map((o) => [o.id, o.stock] as const)));
  return lines.map((l) => {
    const p = bySku.get(l.sku.toUpperCase());
    if (!p) return { product: null, available: 0, unitPrice: null, status: "not_sold" };
    const cents = companyUnitCents(p, pricing);
    const offers = p.offers.map((o) => ({ ...o, stock: left.get(o.id) ?? 0 }));
    const { available, allocations } = availableNow(p, offers, l.quantity);
    const base = { product: productView(p, pricing), available, unitPrice: formatCents(cents) };
    if (l.maxUnitPrice && cents > toCents(l.maxUnitPrice)) return { ...base, status: "over_price" };
    for (const a of allocations) left.set(a.offer.id, (left.get(a.offer.id) ?? 0) - a.quantity);
    return { ...base, status: available < l.quantity ? "partial" : "available" };
  });
}
