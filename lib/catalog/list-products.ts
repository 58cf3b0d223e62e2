import "server-only";
import { routedCosts } from "./routed-costs";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { formatCents } from "../money";
import { loadCompanyPricing } from "../pricing/load-markup-rules";
import { resellerPriceCents } from "../pricing/reseller-price";
import { z } from "zod";
import type { listProductsQuerySchema } from "../orders/schemas";
import { decodeSkuCursor, encodeSkuCursor } from "../wire/cursor";

/** A LIKE pattern that matches `s` exactly (backslash is Postgres's default LIKE escape). */
export const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The catalog as a reseller may order from it (docs/api.md), sorted by
 * SKU. `price` is the caller's price: their company tier's (reseller-price.ts,
 * the same function order placement charges with); staff see the base price.
 */
export async function listProducts(q: z.infer<typeof listProductsQuerySchema>, caller: { companyId?: string | null } = {}) {
  const where: Prisma.ProductWhereInput = { active: true };
  // Case-insensitive equality is an ILIKE underneath: the value is escaped, so "%", "_" and a
  // trailing backslash are matched as themselves (a bare "\\" would be an invalid pattern).
  if (q.brand) where.brand = { equals: likeLiteral(q.brand), mode: "insensitive" };
  if (q.grade) where.grade = { equals: likeLiteral(q.grade), mode: "insensitive" };
  if (q.inStock) where.stock = { gt: 0 };
  if (q.q) {
    where.OR = [
      { name: { contains: q.q, mode: "insensitive" } },
      { sku: { contains: q.q, mode: "insensitive" } },
      { model: { contains: q.q, mode: "insensitive" } },
      { brand: { contains: q.q, mode: "insensitive" } },
    ];
  }
  const after = decodeSkuCursor(q.cursor);
  if (after) where.sku = { gt: after };
  const [rows, pricing] = await Promise.all([
    db.product.findMany({
      where,
      orderBy: { sku: "asc" },
      take: q.limit + 1,
      select: {
        id: true,
        sku: true,
        name: true,
        brand: true,
        model: true,
        storage: true,
        color: true,
        grade: true,
        price: true,
        stock: true,
        active: true,
        category: true,
        priceCost: true,
      },
    }),
    loadCompanyPricing(caller.companyId ?? null),
  ]);
  const page = rows.slice(0, q.limit);
  // A tier price starts from the routed offer's cost when the base price has none recorded, as order placement charges.
  const routed = await routedCosts(pricing.tier ? page.filter((p) => p.priceCost === null).map((p) => p.id) : []);
  return {
    data: page.map(({ id, category, priceCost, ...p }) => ({
      ...p,
      price: formatCents(resellerPriceCents({ ...p, category, priceCost, routedCost: routed.get(id) ?? null }, pricing.rules, pricing.tier)),
    })),
    nextCursor: rows.length > q.limit ? encodeSkuCursor(page[page.length - 1]!.sku) : null,
  };
}

export async function listBrands() {
  const rows = await db.product.findMany({ where: { active: true }, distinct: ["brand"], select: { brand: true }, orderBy: { brand: "asc" } });
  return rows.map((r) => r.brand);
}
