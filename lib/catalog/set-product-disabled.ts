import "server-only";
import { db } from "../db/client";
import { AppError } from "../errors";

/**
 * Ops take a product off sale (or back). Disabled wins over stock: a sync
 * bringing stock back does not reactivate it (after-offers-changed.ts);
 * enabling it makes it orderable again only if it has stock.
 */
export async function setProductDisabled(sku: string, disabled: boolean) {
  const rows = await db.$queryRaw<{ sku: string; disabled: boolean; active: boolean; stock: number }[]>`
    UPDATE "Product" SET "disabled" = ${disabled}, "active" = (NOT ${disabled} AND "stock" > 0), "updatedAt" = now()
     WHERE "sku" = ${sku}
    RETURNING "sku", "disabled", "active", "stock"`;
  if (rows.length === 0) throw new AppError("not_found", `No product ${sku}`);
  return rows[0]!;
}
