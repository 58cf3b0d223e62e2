import "server-only";
import { z } from "zod";
import { db } from "../db/client";
import { money } from "../money";
import type { listPriceChangesQuerySchema } from "./schemas";

/** Price changes for the ops page, newest first; pending by default. */
export async function listPriceChanges(q: z.infer<typeof listPriceChangesQuerySchema>) {
  const rows = await db.priceChange.findMany({
    where: q.status === "all" ? {} : { status: q.status },
    orderBy: { createdAt: "desc" },
    take: q.limit,
    select: {
      id: true,
      status: true,
      reason: true,
      oldPrice: true,
      newPrice: true,
      oldCost: true,
      newCost: true,
      decidedBy: true,
      decidedAt: true,
      createdAt: true,
      updatedAt: true,
      product: { select: { sku: true, name: true, price: true } },
    },
  });
  return {
    data: rows.map((r) => ({
      id: r.id,
      status: r.status,
      reason: r.reason,
      sku: r.product.sku,
      name: r.product.name,
      currentPrice: money(r.product.price),
      oldPrice: money(r.oldPrice),
      newPrice: money(r.newPrice),
      oldCost: r.oldCost === null ? null : money(r.oldCost),
      newCost: money(r.newCost),
      changePercent: Number(r.oldPrice) > 0 ? Math.round(((Number(r.newPrice) - Number(r.oldPrice)) / Number(r.oldPrice)) * 1000) / 10 : null,
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    })),
  };
}
