import "server-only";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";
import { db } from "../db/client";
import { formatCents, toCents } from "../money";
import { linesNow, type LineNow } from "../catalog/catalog-view";
import { readCompanyCatalog } from "../catalog/read-company-catalog";

export type ReorderChange = "price_up" | "price_down" | "less_stock" | "out_of_stock" | "not_sold";
export type ReorderLineDto = {
  sku: string;
  name: string;
  then: { quantity: number; unitPrice: string };
  now: LineNow;
  /** What "Order again" puts into the cart: the quantity then, up to what is available now. */
  quantity: number;
  changes: ReorderChange[];
};
export type ReorderDto = {
  orderId: string;
  number: string;
  orderedAt: string;
  lines: ReorderLineDto[];
  orderable: { lines: number; units: number; subtotal: string };
  changed: boolean;
};

/**
 * GET /api/orders/{id}/reorder: a past order's lines (one per SKU, its split over suppliers
 * summed) against the catalog now: the price then and now (the company's, as an order would be
 * charged), the quantity then and what is available now, and whether the product is still sold.
 * Nothing of the sourcing: no supplier, no cost. Another company's order is not found.
 */
export async function reorderOrder(principal: Principal, id: string): Promise<ReorderDto> {
  if (!principal.companyId) throw new AppError("forbidden", "Reordering is for reseller accounts");
  const companyId = principal.companyId;
  const order = await db.order.findFirst({
    where: { id, companyId },
    select: { id: true, number: true, createdAt: true, items: { orderBy: { id: "asc" }, select: { sku: true, name: true, quantity: true, unitPrice: true } } },
  });
  if (!order) throw new AppError("not_found", "No such order");
  const bySku = new Map<string, { sku: string; name: string; quantity: number; unitCents: number }>();
  for (const i of order.items) {
    const seen = bySku.get(i.sku);
    if (seen) seen.quantity += i.quantity;
    else bySku.set(i.sku, { sku: i.sku, name: i.name, quantity: i.quantity, unitCents: toCents(i.unitPrice) });
  }
  const then = [...bySku.values()];
  const { products, pricing } = await readCompanyCatalog(companyId, { skus: then.map((l) => l.sku) });
  const now = linesNow(then, products, pricing);
  const lines = then.map((l, i): ReorderLineDto => {
    const n = now[i]!;
    const changes: ReorderChange[] = [];
    if (n.status === "not_sold") changes.push("not_sold");
    else {
      const cents = toCents(n.unitPrice!);
      if (cents > l.unitCents) changes.push("price_up");
      if (cents < l.unitCents) changes.push("price_down");
      if (n.available === 0) changes.push("out_of_stock");
      else if (n.available < l.quantity) changes.push("less_stock");
    }
    return { sku: l.sku, name: l.name, then: { quantity: l.quantity, unitPrice: formatCents(l.unitCents) }, now: n, quantity: n.available, changes };
  });
  const orderable = lines.filter((l) => l.quantity > 0);
  return {
    orderId: order.id,
    number: order.number,
    orderedAt: order.createdAt.toISOString(),
    lines,
    orderable: {
      lines: orderable.length,
      units: orderable.reduce((n, l) => n + l.quantity, 0),
      subtotal: formatCents(orderable.reduce((c, l) => c + toCents(l.now.unitPrice!) * l.quantity, 0)),
    },
    changed: lines.some((l) => l.changes.length > 0),
  };
}
