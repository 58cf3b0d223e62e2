import "server-only";
import { db, TX_OPTIONS } from "../db/client";
import { publishOfferUpdated } from "../events/publish";
import { dispatchOutbox, type OutboxRef } from "../queue/outbox";
import { queueOfferEmailsInTx } from "./offer-emails";
import { releaseHoldsInTx } from "../catalog/offers/offer-holds";

/**
 * Offers whose time is up: an open or countered one nobody answered by expiresAt, an accepted one
 * not ordered by holdUntil (whose held stock is released). One statement moves them and writes their timeline entries, and the
 * buyers' emails are queued in the same transaction; run by the worker on a job scheduler
 * (OFFER_EXPIRY_EVERY_MS), so Postgres alone says what is due and a lost tick is only a later one.
 * At most 500 a pass (the next tick takes the rest). `now` is a parameter for tests.
 */
export async function expireOffers(now: Date = new Date()): Promise<number> {
  const { rows, refs } = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; number: string; companyId: string; eventId: string }[]>`
      WITH due AS (
        UPDATE "Offer" SET "status" = 'expired', "updatedAt" = ${now},
               "reason" = CASE WHEN "status" = 'accepted' THEN 'The agreed terms were not ordered in time' ELSE 'No answer in time' END
         WHERE "id" IN (SELECT "id" FROM "Offer"
                         WHERE ("status" IN ('open', 'countered') AND "expiresAt" <= ${now}) OR ("status" = 'accepted' AND "holdUntil" <= ${now})
                         ORDER BY "id" LIMIT 500 FOR UPDATE SKIP LOCKED)
        RETURNING "id", "reason", "number", "companyId"
      ), ev AS (
        INSERT INTO "OfferEvent" ("id", "offerId", "type", "status", "source", "message", "createdAt")
        SELECT gen_random_uuid()::text, "id", 'expired', 'expired', 'system', "reason", ${now} FROM due
        RETURNING "id", "offerId"
      )
      SELECT due."id", due."number", due."companyId", ev."id" AS "eventId" FROM due JOIN ev ON ev."offerId" = due."id"`;
    // An accepted offer's hold ends: its stock is for sale again.
    await releaseHoldsInTx(
      tx,
      rows.map((r) => r.id),
    );
    const refs: OutboxRef[] = [];
    for (const r of rows) refs.push(...(await queueOfferEmailsInTx(tx, r.id, "expired", r.eventId)));
    return { rows, refs };
  }, TX_OPTIONS);
  await dispatchOutbox(refs);
  for (const r of rows) await publishOfferUpdated({ ...r, status: "expired", updatedAt: now });
  return rows.length;
}
