import "server-only";
import type { z } from "zod";
import { db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { companyScope, isStaff, type Principal } from "../auth/principal";
import { decodeCursor, encodeCursor } from "../wire/cursor";
import { offerInclude, serializeOffer, type OfferDto, type OfferRow } from "./offer-dto";
import { routedCosts } from "../catalog/routed-costs";
import type { listOffersQuerySchema } from "./schemas";

type Query = z.infer<typeof listOffersQuerySchema>;

/** Each sort's expression and default direction (the ops queue's columns). */
const SORTS = {
  age: { expr: Prisma.sql`v."createdAt"`, dir: "asc" },
  value: { expr: Prisma.sql`v."value"`, dir: "desc" },
  company: { expr: Prisma.sql`lower(v."company")`, dir: "asc" },
  margin: { expr: Prisma.sql`v."margin"`, dir: "desc" },
} as const;

/**
 * The caller's offers (staff: everyone's). Newest first by keyset; the other sorts page by
 * position (the cursor says where the next page starts). Staff get each offer's margin against
 * the current supplier costs.
 */
export async function listOffers(principal: Principal, q: Query): Promise<{ data: OfferDto[]; nextCursor: string | null }> {
  const staff = isStaff(principal);
  if (q.sort === "margin" && !staff) throw new AppError("validation_failed", "Sorting by margin is for ops", { fields: { sort: "Not one you may use" } });
  if (q.sort === "newest") return listNewest(principal, q, staff);

  const offset = decodeOffset(q.cursor);
  const sort = SORTS[q.sort];
  const dir = Prisma.raw((q.order ?? sort.dir) === "asc" ? "ASC" : "DESC");
  const scope = companyScope(principal).companyId;
  const ids = await db.$queryRaw<{ id: string }[]>`
    WITH v AS (
      SELECT o."id", o."createdAt", c."name" AS "company", SUM(l."unitPrice" * l."quantity") AS "value",
             CASE WHEN bool_and(cc."cost" IS NOT NULL) AND SUM(l."unitPrice" * l."quantity") > 0
                  THEN SUM((l."unitPrice" - cc."cost") * l."quantity") / SUM(l."unitPrice" * l."quantity") END AS "margin"
        FROM "Offer" o
        JOIN "Company" c ON c."id" = o."companyId"
        JOIN "OfferLine" l ON l."offerId" = o."id"
        LEFT JOIN LATERAL (
          SELECT so."cost" FROM "SupplierOffer" so JOIN "Supplier" s ON s."id" = so."supplierId"
           WHERE so."productId" = l."productId" AND so."active" AND s."active" AND so."stock" - so."held" > 0
           ORDER BY so."priority", so."cost", so."id" LIMIT 1
        ) cc ON true
       WHERE (${scope ?? null}::text IS NULL OR o."companyId" = ${scope ?? null})
         AND (${q.status ?? null}::text IS NULL OR o."status"::text = ${q.status ?? null})
       GROUP BY o."id", c."name"
    )
    SELECT v."id" FROM v ORDER BY ${sort.expr} ${dir} NULLS LAST, v."id" LIMIT ${q.limit + 1} OFFSET ${offset}`;
  const page = ids.slice(0, q.limit).map((r) => r.id);
  const rows = await db.offer.findMany({ where: { id: { in: page } }, include: offerInclude });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    data: await serializeMany(page.map((id) => byId.get(id)!).filter(Boolean), staff),
    nextCursor: ids.length > q.limit ? encodeOffset(offset + q.limit) : null,
  };
}

async function listNewest(principal: Principal, q: Query, staff: boolean) {
  const where: Prisma.OfferWhereInput = { ...companyScope(principal), ...(q.status ? { status: q.status } : {}) };
  const after = decodeCursor(q.cursor);
  if (after) where.OR = [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }];
  const rows = await db.offer.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: q.limit + 1, include: offerInclude });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    data: await serializeMany(page, staff),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

/** Serialized for the reader; staff with the current supplier costs (one query for the page). */
export async function serializeMany(rows: OfferRow[], staff: boolean): Promise<OfferDto[]> {
  const costs = staff ? await routedCosts(rows.flatMap((o) => o.lines.map((l) => l.productId))) : undefined;
  return rows.map((o) => serializeOffer(o, { staff, costs }));
}

export async function getOffer(principal: Principal, id: string) {
  const o = await db.offer.findFirst({ where: { id, ...companyScope(principal) }, include: offerInclude });
  if (!o) throw new AppError("not_found", `No offer ${id}`);
  return (await serializeMany([o], isStaff(principal)))[0]!;
}

// A sorted page's cursor: base64url("offset:<n>").
function encodeOffset(n: number) {
  return Buffer.from(`offset:${n}`).toString("base64url");
}
function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const m = /^offset:(\d{1,7})$/.exec(/^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "");
  if (!m) throw new AppError("validation_failed", "cursor is not one this API returned", { fields: { cursor: "Invalid cursor" } });
  return Number(m[1]);
}
