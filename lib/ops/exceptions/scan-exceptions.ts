import "server-only";
import { db, TX_OPTIONS } from "../../db/client";
import { DEFAULT_SLA_HOURS, EXPIRING_WITHIN_HOURS } from "./kinds";

/** Advisory lock of the scan: one pass at a time across the fleet. */
const SCAN_LOCK = 7_351_014;

/** Exceptions opened and cleared by this pass, and how many conditions it found (open or resolved by hand). */
export type ScanResult = { opened: number; cleared: number; found: number; skipped?: true };

/**
 * One pass of the exceptions queue (the worker's job scheduler, EXCEPTION_SCAN_EVERY_MS; so the
 * SLA timers are fleet-wide and a lost tick is only a later one). One statement finds everything
 * that needs a human now, from Postgres alone:
 *   forward_failed       a supplier order that failed to be forwarded (not moved elsewhere)
 *   rejected_no_reroute  a supplier order rejected that no other offer took
 *   stuck                a supplier order longer in its status than that supplier's SLA
 *                        (SupplierSla, else DEFAULT_SLA_HOURS; statusAt is set by a trigger)
 *   webhook_unknown_order, supplier_mismatch, webhook_failed   flagged inbound webhooks
 *   offer_expiring, hold_expiring   an offer waiting for ops, or an accepted one's hold, ending
 *                        within EXPIRING_WITHIN_HOURS
 * and, in the same statement, opens what is new (with an entry on the order's timeline), touches
 * what it saw again, resolves ("Cleared") what no longer holds, and opens again one it cleared
 * that holds again. An exception's key carries
 * the state it saw (the supplier order's statusAt, the offer's deadline), so one ops resolved by
 * hand is not reopened for the same state, and the same subject failing again later is a new one.
 */
export async function scanExceptions(now: Date = new Date()): Promise<ScanResult> {
  return db.$transaction(async (tx) => {
    const [lock] = await tx.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SCAN_LOCK}) AS ok`;
    if (!lock?.ok) return { opened: 0, cleared: 0, found: 0, skipped: true as const };
    const soon = new Date(now.getTime() + EXPIRING_WITHIN_HOURS * 3600_000);
    const monthAgo = new Date(now.getTime() - 30 * 24 * 3600_000);
    const [r] = await tx.$queryRaw<{ opened: number; cleared: number; found: number }[]>`
      WITH found AS (
        SELECT 'forward_failed' AS kind, 'supplier_order' AS "subjectType", so."id" AS "subjectId", so."statusAt"::text AS version,
               so."orderId", so."id" AS "supplierOrderId", NULL::text AS "webhookEventId", NULL::text AS "offerId", so."supplierId",
               'Forwarding to ' || s."name" || ' failed' || COALESCE(': ' || left(so."lastError", 300), '') AS reason
          FROM "SupplierOrder" so JOIN "Supplier" s ON s."id" = so."supplierId" JOIN "Order" o ON o."id" = so."orderId"
         WHERE so."status" = 'failed' AND so."movedAt" IS NULL AND o."status" <> 'canceled'
        UNION ALL
        SELECT 'rejected_no_reroute', 'supplier_order', so."id", so."statusAt"::text, so."orderId", so."id", NULL, NULL, so."supplierId",
               s."name" || ' rejected it and no other supplier could take it' || COALESCE(': ' || left(so."lastError", 300), '')
          FROM "SupplierOrder" so JOIN "Supplier" s ON s."id" = so."supplierId" JOIN "Order" o ON o."id" = so."orderId"
         WHERE so."status" = 'rejected' AND so."movedAt" IS NULL AND o."status" <> 'canceled'
        UNION ALL
        SELECT 'stuck', 'supplier_order', so."id", so."statusAt"::text, so."orderId", so."id", NULL, NULL, so."supplierId",
               initcap(so."status"::text) || ' at ' || s."name" || ' for ' ||
                 floor(extract(epoch FROM (${now}::timestamp - so."statusAt")) / 3600)::int || ' h (SLA ' || lim.hours || ' h)'
          FROM "SupplierOrder" so
          JOIN "Supplier" s ON s."id" = so."supplierId"
          LEFT JOIN "SupplierSla" sla ON sla."supplierId" = so."supplierId" AND sla."status" = so."status"
          CROSS JOIN LATERAL (SELECT COALESCE(sla."hours", (${JSON.stringify(DEFAULT_SLA_HOURS)}::jsonb ->> so."status"::text)::int) AS hours) lim
         WHERE so."status" IN ('pending', 'submitted', 'accepted', 'processing', 'shipped') AND so."movedAt" IS NULL AND so."cancelRequestedAt" IS NULL
           AND lim.hours IS NOT NULL AND so."statusAt" < ${now}::timestamp - make_interval(hours => lim.hours)
        UNION ALL
        SELECT CASE w."outcome" WHEN 'unknown_order' THEN 'webhook_unknown_order' WHEN 'mismatch' THEN 'supplier_mismatch' ELSE 'webhook_failed' END,
               'webhook_event', w."id", '0', w."orderId", NULL, w."id", NULL, w."supplierId",
               CASE w."outcome" WHEN 'unknown_order' THEN 'A ' || w."source" || ' webhook (' || COALESCE(w."eventType", 'event') || ') for an order we do not know'
                                WHEN 'mismatch' THEN 'A ' || w."source" || ' webhook contradicts our records'
                                ELSE 'A ' || w."source" || ' webhook could not be processed' END
                 || COALESCE(': ' || left(w."error", 300), '')
          FROM "WebhookEvent" w
         WHERE w."flagged" AND w."outcome" IN ('unknown_order', 'mismatch', 'failed') AND w."receivedAt" > ${monthAgo}::timestamp
        UNION ALL
        SELECT 'offer_expiring', 'offer', f."id", f."expiresAt"::text, f."orderId", NULL, NULL, f."id", NULL,
               'Offer ' || f."number" || ' from ' || c."name" || ' expires unanswered at ' || to_char(f."expiresAt", 'YYYY-MM-DD HH24:MI') || ' UTC'
          FROM "Offer" f JOIN "Company" c ON c."id" = f."companyId"
         WHERE f."status" = 'open' AND f."expiresAt" > ${now}::timestamp AND f."expiresAt" <= ${soon}::timestamp
        UNION ALL
        SELECT 'hold_expiring', 'offer', f."id", f."holdUntil"::text, f."orderId", NULL, NULL, f."id", NULL,
               'The hold of accepted offer ' || f."number" || ' (' || c."name" || ') ends at ' || to_char(f."holdUntil", 'YYYY-MM-DD HH24:MI') || ' UTC, not ordered yet'
          FROM "Offer" f JOIN "Company" c ON c."id" = f."companyId"
         WHERE f."status" = 'accepted' AND f."holdUntil" > ${now}::timestamp AND f."holdUntil" <= ${soon}::timestamp
      ), keyed AS (
        SELECT f.*, f.kind || ':' || f."subjectId" || ':' || f.version AS key FROM found f
      ), ins AS (
        INSERT INTO "OpsException" ("id", "key", "kind", "subjectType", "subjectId", "orderId", "supplierOrderId", "webhookEventId", "offerId",
                                    "supplierId", "reason", "openedAt", "lastSeenAt")
        SELECT gen_random_uuid()::text, k.key, k.kind, k."subjectType", k."subjectId", k."orderId", k."supplierOrderId", k."webhookEventId",
               k."offerId", k."supplierId", k.reason, ${now}::timestamp, ${now}::timestamp
          FROM keyed k
        -- Seen again: touched. Cleared by a scan and true again (an SLA tightened): open again. Resolved by ops: left so.
        ON CONFLICT ("key") DO UPDATE SET "lastSeenAt" = EXCLUDED."lastSeenAt", "reason" = EXCLUDED."reason", "status" = 'open',
                                          "resolvedAt" = NULL, "resolvedBy" = NULL, "resolution" = NULL
           WHERE "OpsException"."status" = 'open' OR "OpsException"."resolvedBy" = 'system'
        RETURNING "id", "orderId", "supplierOrderId", "reason", (xmax = 0) AS inserted
      ), cleared AS (
        UPDATE "OpsException" e SET "status" = 'resolved', "resolvedAt" = ${now}::timestamp, "resolvedBy" = 'system',
               "resolution" = 'Cleared: ' || CASE e."kind"
                 WHEN 'forward_failed' THEN 'the supplier order is no longer failed'
                 WHEN 'rejected_no_reroute' THEN 'the supplier order is no longer rejected'
                 WHEN 'stuck' THEN 'the supplier order moved on or is within its SLA'
                 WHEN 'offer_expiring' THEN 'the offer was answered or expired'
                 WHEN 'hold_expiring' THEN 'the offer was ordered or its hold ended'
                 ELSE 'the webhook was applied' END
         WHERE e."status" = 'open' AND NOT EXISTS (SELECT 1 FROM keyed k WHERE k.key = e."key")
        RETURNING e."id", e."orderId", e."supplierOrderId", e."resolution"
      ), timeline AS (
        INSERT INTO "OrderEvent" ("id", "orderId", "supplierOrderId", "type", "source", "message", "createdAt")
        SELECT gen_random_uuid()::text, i."orderId", i."supplierOrderId", 'exception_opened', 'system', 'Needs a human: ' || i."reason", ${now}::timestamp
          FROM ins i WHERE i.inserted AND i."orderId" IS NOT NULL
        UNION ALL
        SELECT gen_random_uuid()::text, c."orderId", c."supplierOrderId", 'exception_resolved', 'system', c."resolution", ${now}::timestamp
          FROM cleared c WHERE c."orderId" IS NOT NULL
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM ins WHERE inserted)::int AS opened, (SELECT count(*) FROM cleared)::int AS cleared,
             (SELECT count(*) FROM keyed)::int AS found`;
    return r ?? { opened: 0, cleared: 0, found: 0 };
  }, TX_OPTIONS);
}

/** The open exceptions' count, for the nav. */
export async function countOpenExceptions(): Promise<number> {
  return db.opsException.count({ where: { status: "open" } });
}
