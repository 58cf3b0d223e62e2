import "server-only";
import { z } from "zod";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";

export const listStockAlertsQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  kind: z.enum(["low", "out"]).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Recent stock alerts for the ops page, newest first, with the offer's stock now. */
export async function listStockAlerts(q: z.infer<typeof listStockAlertsQuerySchema>) {
  const where: Prisma.StockAlertWhereInput = {};
  if (q.kind) where.kind = q.kind;
  if (q.q) where.OR = [{ sku: { contains: q.q, mode: "insensitive" } }, { supplierSku: { contains: q.q, mode: "insensitive" } }];
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  if (cursor) {
    where.AND = [{ OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] }];
  }
  const rows = await db.stockAlert.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
    select: {
      id: true,
      kind: true,
      quantity: true,
      threshold: true,
      crossing: true,
      sku: true,
      supplierName: true,
      supplierSku: true,
      deactivated: true,
      createdAt: true,
      offer: { select: { stock: true, alertState: true, product: { select: { name: true, active: true, stock: true } } } },
    },
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    data: page.map((r) => ({
      id: r.id,
      kind: r.kind,
      quantity: r.quantity,
      threshold: r.threshold,
      crossing: r.crossing,
      sku: r.sku,
      productName: r.offer.product.name,
      supplierName: r.supplierName,
      supplierSku: r.supplierSku,
      deactivated: r.deactivated,
      createdAt: r.createdAt.toISOString(),
      now: { offerStock: r.offer.stock, state: r.offer.alertState, productStock: r.offer.product.stock, productActive: r.offer.product.active },
    })),
    nextCursor: rows.length > q.limit && last ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString("base64url") : null,
  };
}

function decodeCursor(c: string): { at: Date; id: string } | null {
  const [at, id] = Buffer.from(c, "base64url").toString("utf8").split("|");
  const d = new Date(at ?? "");
  return id && !Number.isNaN(d.getTime()) ? { at: d, id } : null;
}
