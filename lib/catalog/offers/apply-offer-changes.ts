import "server-only";
import { Prisma, type Tx } from "../../db/client";
import { incomingSql, type IncomingSource } from "./incoming-source";
import { createNewProducts } from "./create-products";

/**
 * The one set-based apply shared by scheduled syncs and pushed updates
 * (webhooks). Runs inside the caller's transaction, so a sync lands whole or
 * not at all. Rules:
 *  - never older: an offer whose sourceUpdatedAt is after `asOf` is left
 *    alone, and nothing applies when the supplier's last full snapshot
 *    (Supplier.inventorySnapshotAt) is newer than `asOf`;
 *  - writes only what changed (UPDATE … WHERE … IS DISTINCT FROM, so an
 *    unchanged row is neither rewritten nor locked);
 *  - "catalog" also creates offers (and products) for new supplier SKUs,
 *    reactivates offers seen again and deactivates those missing; "stock"
 *    zeroes the stock of missing offers (a full feed without an item means
 *    the supplier has none) but creates nothing; "push" touches only the
 *    offers it names, and stamps sourceUpdatedAt even on unchanged ones,
 *    since a push is the newest word on those items.
 */
export type ApplyMode = "push" | "stock" | "catalog";

export type ApplyInput = {
  supplierId: string;
  source: IncomingSource;
  /** When the data was true: the sync's snapshot start, or the push's event time. */
  asOf: Date;
  mode: ApplyMode;
};

export type ApplyResult = {
  /** Products whose offers changed: hand them to afterOffersChanged. */
  productIds: string[];
  added: number;
  changed: number;
  deactivated: number;
  newProducts: number;
  /** Incoming items with no offer here (and, for catalog, no product could take them). */
  unmatched: number;
  /** Items skipped because the offer holds newer data. */
  newer: number;
  /** A full snapshot newer than asOf was applied already: nothing was done. */
  superseded: boolean;
};

/** A statement's count and the products it touched (repeats included: collect() dedupes them, for less than DISTINCT's sort). */
type Agg = { n: number; productIds: string[] };

export async function applyOfferChanges(tx: Tx, input: ApplyInput): Promise<ApplyResult> {
  const { supplierId, asOf, mode } = input;
  const result: ApplyResult = { productIds: [], added: 0, changed: 0, deactivated: 0, newProducts: 0, unmatched: 0, newer: 0, superseded: false };
  const [sup] = await tx.$queryRaw<{ at: Date | null }[]>`SELECT "inventorySnapshotAt" AS at FROM "Supplier" WHERE "id" = ${supplierId}`;
  if (!sup) throw new Error(`supplier ${supplierId} not found`);
  if (sup.at && sup.at.getTime() > asOf.getTime()) return { ...result, superseded: true };

  const incoming = incomingSql(input.source);
  // One pass over the feed and this supplier's offers (a full join): feed rows with no offer, offers the
  // feed holds newer data for, and offers with no feed row.
  const stats = () => tx.$queryRaw<{ unmatched: number; newer: number; missing: number }[]>`
    WITH incoming AS (${incoming})
    SELECT count(*) FILTER (WHERE o."id" IS NULL)::int AS unmatched,
           count(*) FILTER (WHERE i."supplierSku" IS NOT NULL AND o."sourceUpdatedAt" > ${asOf})::int AS newer,
           count(*) FILTER (WHERE i."supplierSku" IS NULL)::int AS missing
      FROM incoming i
      FULL JOIN (SELECT "id", "supplierSku", "sourceUpdatedAt" FROM "SupplierOffer" WHERE "supplierId" = ${supplierId}) o
        ON o."supplierSku" = i."supplierSku"`;
  let [st] = await stats();
  // When every offer of this supplier is under a key the feed carries (none missing), no offer can be
  // re-keyed below and none is missing from the feed: both statements are skipped.
  const allMatched = () => (st?.missing ?? 0) === 0;
  // Identity is (supplier, supplier SKU), with the item's SKU naming ours: an offer this supplier
  // already has for that product under another key (a price list names our SKU) is the same offer,
  // and takes the feed's key before anything is matched, so it is updated rather than doubled.
  if (mode === "catalog" && !allMatched() && (await rekeyMappedOffers(tx, incoming, supplierId)) > 0) [st] = await stats();
  result.unmatched = st?.unmatched ?? 0;
  result.newer = st?.newer ?? 0;
  const missingNone = allMatched();
  const ids = new Set<string>();
  const collect = (a: Agg | undefined) => {
    for (const id of a?.productIds ?? []) ids.add(id);
    return a?.n ?? 0;
  };

  result.changed = collect(await updateExisting(tx, incoming, input));

  if (mode === "catalog" && result.unmatched > 0) {
    result.newProducts = await createNewProducts(tx, incoming, supplierId);
    // One offer per supplier and product: a second supplier SKU for a product this supplier already
    // offers (or two in one feed) is not added; its stock would count twice.
    const [ins] = await tx.$queryRaw<Agg[]>`
      WITH incoming AS (${incoming}),
      ins AS (
        INSERT INTO "SupplierOffer" ("id", "productId", "supplierId", "supplierSku", "cost", "currency", "stock", "active", "sourceUpdatedAt", "updatedAt")
        SELECT DISTINCT ON (p."id") gen_random_uuid()::text, p."id", ${supplierId}, i."supplierSku", i."cost", i."currency", i."quantity", true, ${asOf}, now()
          FROM incoming i JOIN "Product" p ON p."sku" = i."sku"
         WHERE NOT EXISTS (SELECT 1 FROM "SupplierOffer" o WHERE o."supplierId" = ${supplierId} AND o."supplierSku" = i."supplierSku")
           AND NOT EXISTS (SELECT 1 FROM "SupplierOffer" o WHERE o."supplierId" = ${supplierId} AND o."productId" = p."id" AND o."active")
         ORDER BY p."id", i."supplierSku"
        ON CONFLICT ("supplierId", "supplierSku") DO NOTHING
        RETURNING "productId"
      )
      SELECT count(*)::int AS n, COALESCE(array_agg("productId"), '{}') AS "productIds" FROM ins`;
    result.added = collect(ins);
    result.unmatched -= result.added;
  }

  if (mode !== "push" && input.source.kind === "staged") {
    // Offers added above all come from the feed, so there is nothing to retire when every earlier one matched.
    if (!missingNone) result.deactivated = collect(await retireMissing(tx, input.source.syncLogId, input));
    // The whole feed was seen as of asOf: a push older than that is now stale for every offer.
    await tx.$executeRaw`UPDATE "Supplier" SET "inventorySnapshotAt" = GREATEST(COALESCE("inventorySnapshotAt", ${asOf}), ${asOf})
      WHERE "id" = ${supplierId}`;
  }
  result.productIds = [...ids];
  return result;
}

/**
 * An offer of this supplier for a product the feed names by our SKU, kept
 * under a key the feed does not carry (the price list's, or an old supplier
 * SKU), is re-keyed to the feed's supplier SKU. One offer per product: the
 * active, most recently updated one.
 */
async function rekeyMappedOffers(tx: Tx, incoming: Prisma.Sql, supplierId: string): Promise<number> {
  return tx.$executeRaw`
    WITH incoming AS (${incoming}),
    wanted AS (
      SELECT DISTINCT ON (p."id") p."id" AS "productId", i."supplierSku"
        FROM incoming i JOIN "Product" p ON p."sku" = i."sku"
       WHERE NOT EXISTS (SELECT 1 FROM "SupplierOffer" o WHERE o."supplierId" = ${supplierId} AND o."supplierSku" = i."supplierSku")
       ORDER BY p."id", i."supplierSku"
    ),
    mapped AS (
      SELECT DISTINCT ON (o."productId") o."id", w."supplierSku"
        FROM wanted w JOIN "SupplierOffer" o ON o."supplierId" = ${supplierId} AND o."productId" = w."productId"
       WHERE NOT EXISTS (SELECT 1 FROM incoming i2 WHERE i2."supplierSku" = o."supplierSku")
       ORDER BY o."productId", o."active" DESC, o."updatedAt" DESC
    )
    UPDATE "SupplierOffer" o SET "supplierSku" = m."supplierSku", "updatedAt" = now()
      FROM mapped m WHERE o."id" = m."id"`;
}

/** Existing offers whose data differs (a push also re-stamps unchanged ones). */
async function updateExisting(tx: Tx, incoming: Prisma.Sql, { supplierId, asOf, mode }: ApplyInput): Promise<Agg | undefined> {
  const active = mode === "catalog" ? Prisma.sql`true` : Prisma.sql`o."active"`;
  // A stock-only row (cost and currency null: a push that told no price) keeps the offer's own.
  const cost = Prisma.sql`COALESCE(i."cost", o."cost")`;
  const currency = Prisma.sql`COALESCE(i."currency", o."currency")`;
  const differs = Prisma.sql`(o."stock", o."cost", o."currency", o."active") IS DISTINCT FROM (i."quantity", ${cost}, ${currency}, ${active})`;
  if (mode !== "push") {
    const [r] = await tx.$queryRaw<Agg[]>`
      WITH incoming AS (${incoming}),
      upd AS (
        UPDATE "SupplierOffer" o
           SET "stock" = i."quantity", "cost" = ${cost}, "currency" = ${currency}, "active" = ${active},
               "sourceUpdatedAt" = ${asOf}, "updatedAt" = now()
          FROM incoming i
         WHERE o."supplierId" = ${supplierId} AND o."supplierSku" = i."supplierSku"
           AND (o."sourceUpdatedAt" IS NULL OR o."sourceUpdatedAt" <= ${asOf})
           AND ${differs}
        RETURNING o."productId"
      )
      SELECT count(*)::int AS n, COALESCE(array_agg("productId"), '{}') AS "productIds" FROM upd`;
    return r;
  }
  // The self-join reads each row as it was before this statement, to tell a
  // data change (product stock must follow) from a timestamp-only stamp.
  const [r] = await tx.$queryRaw<Agg[]>`
    WITH incoming AS (${incoming}),
    upd AS (
      UPDATE "SupplierOffer" o
         SET "stock" = i."quantity", "cost" = ${cost}, "currency" = ${currency},
             "sourceUpdatedAt" = ${asOf}, "updatedAt" = now()
        FROM incoming i, "SupplierOffer" prev
       WHERE o."supplierId" = ${supplierId} AND o."supplierSku" = i."supplierSku" AND prev."id" = o."id"
         AND (o."sourceUpdatedAt" IS NULL OR o."sourceUpdatedAt" <= ${asOf})
         AND (${differs} OR o."sourceUpdatedAt" IS DISTINCT FROM ${asOf})
      RETURNING o."productId", (prev."stock", prev."cost", prev."currency") IS DISTINCT FROM (o."stock", o."cost", o."currency") AS "dataChanged"
    )
    SELECT count(*) FILTER (WHERE "dataChanged")::int AS n,
           COALESCE(array_agg("productId") FILTER (WHERE "dataChanged"), '{}') AS "productIds" FROM upd`;
  return r;
}

/** Offers of this supplier absent from the staged feed: stock 0, and inactive after a catalog sync. */
async function retireMissing(tx: Tx, syncLogId: string, { supplierId, asOf, mode }: ApplyInput): Promise<Agg | undefined> {
  const deactivate = mode === "catalog";
  const [r] = await tx.$queryRaw<Agg[]>`
    WITH gone AS (
      UPDATE "SupplierOffer" o
         SET "stock" = 0, "active" = CASE WHEN ${deactivate}::boolean THEN false ELSE o."active" END,
             "sourceUpdatedAt" = ${asOf}, "updatedAt" = now()
       WHERE o."supplierId" = ${supplierId}
         AND (o."sourceUpdatedAt" IS NULL OR o."sourceUpdatedAt" <= ${asOf})
         AND (o."stock" <> 0 OR (${deactivate}::boolean AND o."active"))
         AND NOT EXISTS (SELECT 1 FROM "CatalogSyncStage" s WHERE s."syncLogId" = ${syncLogId} AND s."supplierSku" = o."supplierSku")
      RETURNING o."productId"
    )
    SELECT count(*)::int AS n, COALESCE(array_agg("productId"), '{}') AS "productIds" FROM gone`;
  return r;
}
