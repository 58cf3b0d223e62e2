import "server-only";
import { db } from "../db/client";
import { AppError } from "../errors";

/** The Supplier row by id or slug (ops scripts know the slug), or a 404. */
export async function findSupplierRow(idOrSlug: string) {
  const row = await db.supplier.findFirst({ where: { OR: [{ id: idOrSlug }, { slug: idOrSlug }] } });
  if (!row) throw new AppError("not_found", `No supplier '${idOrSlug.slice(0, 60)}'`);
  return row;
}

export type SupplierRow = Awaited<ReturnType<typeof findSupplierRow>>;
