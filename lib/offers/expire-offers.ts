import "server-only";
import { db } from "../db/client";
import { publishOfferUpdated } from "../events/publish";

/**
 * Offers whose time is up: an open or countered one nobody answered by expiresAt, an accepted one
 * not ordered by holdUntil. One statement moves them and writes their timeline entries; run by
 * the worker on a job scheduler (OFFER_EXPIRY_EVERY_MS), so Postgres alone says what is due and a
 * lost tick is only a later one. `now` is a parameter for tests.
 */
export async function expireOffers(now: Date = new Date()): Promise<number> {
  const rows = await db.$queryRaw<{ id: string; number: string; companyId: string }[]>`
    WITH due AS (
      UPDATE "Offer" SET "status" = 'expired', "updatedAt" = ${now},
             "reason" = CASE WHEN "status" = 'accepted' THEN 'The agreed terms were not ordered in time' ELSE 'No answer in time' END
       WHERE ("status" IN ('open', 'countered') AND "expiresAt" <= ${now}) OR ("status" = 'accepted' AND "holdUntil" <= ${now})
      RETURNING "id", "reason", "number", "companyId"
    ), ev AS (
      INSERT INTO "OfferEvent" ("id", "offerId", "type", "status", "source", "message", "createdAt")
      SELECT gen_random_uuid()::text, "id", 'expired', 'expired', 'system', "reason", ${now} FROM due
    )
    SELECT "id", "number", "companyId" FROM due`;
  for (const r of rows) await publishOfferUpdated({ ...r, status: "expired", updatedAt: now });
  return rows.length;
}
