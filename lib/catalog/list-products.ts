import "server-only";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { money } from "../money";
import { z } from "zod";
import type { listProductsQuerySchema } from "../orders/schemas";

/** The catalog as a reseller may order from it (contracts.md §1), sorted by name then SKU. */
export async function listProducts(q: z.infer<typeof listProductsQuerySchema>) {
  const where: Prisma.ProductWhereInput = { active: true };
  if (q.brand) where.brand = { equals: q.brand, mode: "insensitive" };
  if (q.grade) where.grade = { equals: q.grade, mode: "insensitive" };
  if (q.inStock) where.stock = { gt: 0 };
  if (q.q) {
    where.OR = [
      { name: { contains: q.q, mode: "insensitive" } },
      { sku: { contains: q.q, mode: "insensitive" } },
      { model: { contains: q.q, mode: "insensitive" } },
      { brand: { contains: q.q, mode: "insensitive" } },
    ];
  }
  const after = q.cursor ? Buffer.from(q.cursor, "base64url").toString("utf8") : null;
  if (after) where.sku = { gt: after };
  const rows = await db.product.findMany({
    where,
    orderBy: { sku: "asc" },
    take: q.limit + 1,
    select: { sku: true, name: true, brand: true, model: true, storage: true, color: true, grade: true, price: true, stock: true, active: true },
  });
  const page = rows.slice(0, q.limit);
  return {
    data: page.map((p) => ({ ...p, price: money(p.price) })),
    nextCursor: rows.length > q.limit ? Buffer.from(page[page.length - 1]!.sku).toString("base64url") : null,
  };
}

export async function listBrands() {
  const rows = await db.product.findMany({ where: { active: true }, distinct: ["brand"], select: { brand: true }, orderBy: { brand: "asc" } });
  return rows.map((r) => r.brand);
}
