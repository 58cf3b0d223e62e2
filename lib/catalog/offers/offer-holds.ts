import "server-only";
import type { Tx } from "../../db/client";
import { AppError } from "../../errors";
import { allocateLine } from "../allocate-lines";
import { parseScorecardSettings, SCORECARD_SETTING_KEY } from "../../settings/scorecard-schema";
import { recomputeProductStock } from "./recompute-product-stock";

type LockedOffer = {
  id: string;
  productId: string;
  supplierId: string;
  supplierSku: string;
  cost: string;
  stock: number;
  priority: number;
  score: number | null;
};

/**
 * Hold an accepted offer's stock (prisma/migrations/…_offer_holds.sql), in the caller's transaction
 * (the one that accepts it: lib/offers). Here, with the other writers of supplier offers. Each line is routed to supplier offers as an order's would be
 * (lib/catalog/allocate-lines.ts) over what is not already held, and those units are held:
 * an OfferHold row per supplier offer, its "held" raised, the products' stock recomputed net of
 * holds. The supplier offers, then the products, are locked in id order, as order intake locks
 * them, so a hold and an order never deadlock and never both take the last unit. Too little
 * stock for any line is out_of_stock naming it, and nothing is held (the caller rolls back).
 * Holding an offer that already holds stock changes nothing.
 */
export async function holdStockInTx(tx: Tx, offerId: string): Promise<void> {
  const [existing] = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "OfferHold" WHERE "offerId" = ${offerId}`;
  if (existing && existing.n > 0) return;
  const lines = await tx.offerLine.findMany({
    where: { offerId },
    select: { sku: true, productId: true, quantity: true, unitPrice: true },
    orderBy: { id: "asc" },
  });
  const productIds = [...new Set(lines.map((l) => l.productId))].sort();
  const offers = await tx.$queryRaw<LockedOffer[]>`
    SELECT o."id", o."productId", o."supplierId", o."supplierSku", o."cost"::text AS "cost", GREATEST(o."stock" - o."held", 0) AS "stock", o."priority", s."score"
      FROM "SupplierOffer" o JOIN "Supplier" s ON s."id" = o."supplierId"
     WHERE o."productId" = ANY(${productIds}::text[]) AND o."active" AND s."active"
     ORDER BY o."id" FOR NO KEY UPDATE OF o`;
  await tx.$executeRaw`SELECT 1 FROM "Product" WHERE "id" = ANY(${productIds}::text[]) ORDER BY "id" FOR NO KEY UPDATE`;

  // Routed by ops' mode (cost only, or cost plus score) at the agreed price, as the offer's order will be.
  const { routingMode, scoreWeight, neutralScore } = parseScorecardSettings(
    (await tx.setting.findUnique({ where: { key: SCORECARD_SETTING_KEY }, select: { value: true } }))?.value,
  );
  const held = new Map<string, { productId: string; quantity: number }>();
  for (const l of lines) {
    const alloc = allocateLine(
      offers.filter((o) => o.productId === l.productId).map((o) => ({ ...o, stock: o.stock - (held.get(o.id)?.quantity ?? 0) })),
      l.quantity,
      { mode: routingMode, scoreWeight, neutralScore, maxCost: Number(l.unitPrice) },
    );
    if (!alloc.ok) {
      throw new AppError("out_of_stock", `Only ${alloc.available} of ${l.sku} available to hold; counter with a quantity in stock`, {
        details: { sku: l.sku, requested: l.quantity, available: alloc.available },
      });
    }
    for (const a of alloc.allocations) held.set(a.offer.id, { productId: l.productId, quantity: (held.get(a.offer.id)?.quantity ?? 0) + a.quantity });
  }
  const rows = [...held].map(([supplierOfferId, h]) => ({ supplierOfferId, ...h }));
  await tx.$executeRaw`
    INSERT INTO "OfferHold" ("offerId", "supplierOfferId", "productId", "quantity")
    SELECT ${offerId}, x."supplierOfferId", x."productId", x."quantity"
      FROM unnest(${rows.map((r) => r.supplierOfferId)}::text[], ${rows.map((r) => r.productId)}::text[], ${rows.map((r) => r.quantity)}::int[])
        AS x("supplierOfferId", "productId", "quantity")`;
  await tx.$executeRaw`
    UPDATE "SupplierOffer" o SET "held" = o."held" + x."quantity"
      FROM unnest(${rows.map((r) => r.supplierOfferId)}::text[], ${rows.map((r) => r.quantity)}::int[]) AS x("id", "quantity")
     WHERE o."id" = x."id"`;
  await recomputeProductStock(productIds, tx);
}

/**
 * Release what these offers hold (an expired hold, or an offer being ordered: its order then
 * reserves the same units in the same transaction). Locks as holdStockInTx does. Returns the
 * units released per supplier offer (offer id → quantity), empty when nothing was held.
 */
export async function releaseHoldsInTx(tx: Tx, offerIds: readonly string[]): Promise<Map<string, number>> {
  if (offerIds.length === 0) return new Map();
  const holds = await tx.$queryRaw<{ supplierOfferId: string; productId: string; quantity: number }[]>`
    SELECT h."supplierOfferId", h."productId", h."quantity" FROM "OfferHold" h WHERE h."offerId" = ANY(${[...offerIds]}::text[])`;
  if (holds.length === 0) return new Map();
  const bySupplierOffer = new Map<string, number>();
  for (const h of holds) bySupplierOffer.set(h.supplierOfferId, (bySupplierOffer.get(h.supplierOfferId) ?? 0) + h.quantity);
  const productIds = [...new Set(holds.map((h) => h.productId))].sort();
  const ids = [...bySupplierOffer.keys()].sort();
  await tx.$executeRaw`SELECT 1 FROM "SupplierOffer" WHERE "id" = ANY(${ids}::text[]) ORDER BY "id" FOR NO KEY UPDATE`;
  await tx.$executeRaw`SELECT 1 FROM "Product" WHERE "id" = ANY(${productIds}::text[]) ORDER BY "id" FOR NO KEY UPDATE`;
  await tx.$executeRaw`DELETE FROM "OfferHold" WHERE "offerId" = ANY(${[...offerIds]}::text[])`;
  await tx.$executeRaw`
    UPDATE "SupplierOffer" o SET "held" = GREATEST(o."held" - x."quantity", 0)
      FROM unnest(${ids}::text[], ${ids.map((id) => bySupplierOffer.get(id)!)}::int[]) AS x("id", "quantity")
     WHERE o."id" = x."id"`;
  await recomputeProductStock(productIds, tx);
  return bySupplierOffer;
}

/** What an offer holds now, per supplier offer (read outside a transaction, to route its order). */
export async function heldByOffer(tx: Pick<Tx, "$queryRaw">, offerId: string): Promise<Map<string, number>> {
  const rows = await tx.$queryRaw<{ supplierOfferId: string; quantity: number }[]>`
    SELECT "supplierOfferId", "quantity" FROM "OfferHold" WHERE "offerId" = ${offerId}`;
  return new Map(rows.map((r) => [r.supplierOfferId, r.quantity]));
}
