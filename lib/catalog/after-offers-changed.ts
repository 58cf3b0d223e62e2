import "server-only";
import { db } from "../db/client";
import { recomputeProductStock } from "./apply-inventory";

/**
 * Everything that follows a change to supplier offers (sync, push, price
 * list, order reservation): product stock = sum of usable offers; a product
 * with no stock at any supplier is hidden from ordering and comes back when
 * stock returns.
 */
export async function afterOffersChanged(productIds: string[]) {
  if (productIds.length === 0) return;
  await recomputeProductStock(productIds);
  await db.$executeRaw`UPDATE "Product" SET "active" = ("stock" > 0), "updatedAt" = now()
    WHERE "id" = ANY(${productIds}::text[]) AND "active" <> ("stock" > 0)`;
}
