import "server-only";
import type { Tx } from "../../db/client";

/**
 * Reserve stock at supplier offers, inside the caller's transaction (order
 * intake, a reroute): one conditional decrement per offer, in offer-id order,
 * so the hot rows stay locked only for the moment before commit and two
 * transactions cannot deadlock. The condition is what keeps racing orders
 * from overselling; units held for accepted offers ("held") are not taken. Returns the first offer that had too little (nothing
 * after it is tried; the caller rolls back), or null when all were reserved.
 */
export async function reserveOfferStock(tx: Tx, reservations: readonly { offerId: string; quantity: number }[]): Promise<string | null> {
  for (const r of [...reservations].sort((a, b) => a.offerId.localeCompare(b.offerId))) {
    const n = await tx.$executeRaw`UPDATE "SupplierOffer" SET "stock" = "stock" - ${r.quantity}, "updatedAt" = now()
      WHERE "id" = ${r.offerId} AND "stock" - "held" >= ${r.quantity}`;
    if (n === 0) return r.offerId;
  }
  return null;
}
