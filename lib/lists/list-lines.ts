import "server-only";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";
import { db } from "../db/client";

/** Saved lists belong to a reseller company: staff have none. */
export function listCompany(p: Principal): string {
  if (!p.companyId) throw new AppError("forbidden", "Saved lists belong to a reseller company");
  return p.companyId;
}

/** The products the lines name (by SKU), for their ids: a line keeps its SKU when its product is unknown or gone. */
export async function productIdsBySku(skus: string[]): Promise<Map<string, string>> {
  const rows = await db.product.findMany({ where: { sku: { in: [...new Set(skus)] } }, select: { id: true, sku: true } });
  return new Map(rows.map((r) => [r.sku, r.id]));
}

export function lineRows(lines: { sku: string; quantity: number; maxUnitPrice?: string | null; note?: string | null }[], ids: Map<string, string>) {
  return lines.map((l, position) => ({
    position,
    sku: l.sku,
    productId: ids.get(l.sku) ?? null,
    quantity: l.quantity,
    maxUnitPrice: l.maxUnitPrice ?? null,
    note: l.note ?? null,
  }));
}
