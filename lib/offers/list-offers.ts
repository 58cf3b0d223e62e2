import "server-only";
import type { z } from "zod";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { companyScope, isStaff, type Principal } from "../auth/principal";
import { decodeCursor, encodeCursor } from "../wire/cursor";
import { offerInclude, serializeOffer } from "./offer-dto";
import type { listOffersQuerySchema } from "./schemas";

/** The caller's offers (staff: everyone's), newest first. */
export async function listOffers(principal: Principal, q: z.infer<typeof listOffersQuerySchema>) {
  const where: Prisma.OfferWhereInput = { ...companyScope(principal), ...(q.status ? { status: q.status } : {}) };
  const after = decodeCursor(q.cursor);
  if (after) where.OR = [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }];
  const rows = await db.offer.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: q.limit + 1, include: offerInclude });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    data: page.map((o) => serializeOffer(o, { staff: isStaff(principal) })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

export async function getOffer(principal: Principal, id: string) {
  const o = await db.offer.findFirst({ where: { id, ...companyScope(principal) }, include: offerInclude });
  if (!o) throw new AppError("not_found", `No offer ${id}`);
  return serializeOffer(o, { staff: isStaff(principal) });
}
