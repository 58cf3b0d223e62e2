import "server-only";
import { randomUUID } from "node:crypto";
import { db, Prisma, TX_OPTIONS } from "../../db/client";
import { env } from "../../env";
import { composeEmail } from "../../notifications/email-templates";
import { staffRecipients } from "../../notifications/staff-recipients";
import { dispatchOutbox, outboxRows, type OutboxRef } from "../../queue/outbox";

type Crossing = {
  offerId: string;
  productId: string;
  sku: string;
  productName: string;
  productStock: number;
  supplierName: string;
  supplierSku: string;
  stock: number;
  state: "low" | "out";
  crossing: number;
};

/**
 * Low-stock and out-of-stock alerts for these products' offers, once per
 * crossing (alert-state.ts). One statement moves every active offer whose
 * level changed to its new state and bumps alertSeq when it got worse; the
 * rows it returns are the crossings. Their in-app alerts, emails to ops and
 * email jobs are written in the same transaction, keyed by the crossing, so
 * a repeated sync (state unchanged) writes nothing and a crash cannot record
 * the state without its alert.
 */
export async function evaluateStockAlerts(productIds: string[], threshold: number): Promise<number> {
  if (productIds.length === 0) return 0;
  const level = Prisma.sql`(CASE WHEN o."stock" <= 0 THEN 'out' WHEN o."stock" <= ${threshold} THEN 'low' ELSE 'ok' END)`;
  const { refs, count } = await db.$transaction(async (tx) => {
    // The crossings and their StockAlert rows in one statement (a crossing is written once even if two
    // evaluations raced to the same alertSeq: ON CONFLICT DO NOTHING).
    const crossed = await tx.$queryRaw<Crossing[]>`
      WITH cur AS (
        SELECT o."id", o."alertState" AS prev, ${level} AS next
          FROM "SupplierOffer" o JOIN "Supplier" s ON s."id" = o."supplierId"
         WHERE o."productId" = ANY(${productIds}::text[]) AND o."active" AND s."active"
           -- Only offers whose level moved are locked (locking writes to every row it takes), in id
           -- order so concurrent evaluations cannot deadlock; a row another evaluation moved
           -- meanwhile is re-checked after its lock and dropped.
           AND ${level} <> o."alertState"
         ORDER BY o."id"
           FOR UPDATE OF o
      ), moved AS (
        UPDATE "SupplierOffer" o
           SET "alertState" = cur.next,
               "alertSeq" = o."alertSeq" + (CASE WHEN ${sev("cur.next")} > ${sev("cur.prev")} THEN 1 ELSE 0 END)
          FROM cur
         WHERE o."id" = cur."id" AND cur.next <> cur.prev
        RETURNING o."id", o."productId", o."supplierId", o."supplierSku", o."stock", o."alertSeq", cur.next, cur.prev
      ), crossed AS (
        SELECT m."id" AS "offerId", m."productId", p."sku", p."name" AS "productName", p."stock" AS "productStock",
               s."name" AS "supplierName", m."supplierSku", m."stock", m.next AS "state", m."alertSeq" AS "crossing"
          FROM moved m
          JOIN "Product" p ON p."id" = m."productId"
          JOIN "Supplier" s ON s."id" = m."supplierId"
         WHERE ${sev("m.next")} > ${sev("m.prev")}
      ), alerts AS (
        INSERT INTO "StockAlert" ("id", "offerId", "productId", "kind", "quantity", "threshold", "crossing", "sku", "supplierName", "supplierSku", "deactivated")
        SELECT gen_random_uuid()::text, c."offerId", c."productId", c."state", c."stock", ${threshold}, c."crossing", c."sku", c."supplierName", c."supplierSku",
               c."state" = 'out' AND c."productStock" <= 0
          FROM crossed c
        ON CONFLICT DO NOTHING
      )
      SELECT * FROM crossed`;
    if (crossed.length === 0) return { refs: [], count: 0 };

    const staff = await staffRecipients(tx);
    const rows = crossed.flatMap((c) => {
      const base = {
        appUrl: env().APP_URL,
        sku: c.sku,
        productName: c.productName,
        supplierName: c.supplierName,
        supplierSku: c.supplierSku === c.sku ? null : c.supplierSku,
        quantity: Math.max(0, c.stock),
      };
      const composed =
        c.state === "low" ? composeEmail("low_stock", { ...base, threshold }) : composeEmail("out_of_stock", { ...base, deactivated: c.productStock <= 0 });
      return staff.map(({ email, userId }) => ({
        id: randomUUID(),
        // The crossing number makes the key: the same crossing never emails twice, the next one does.
        idempotencyKey: `stock:${c.offerId}:${c.state}:${c.crossing}:${email}`,
        type: c.state === "low" ? "low_stock" : "out_of_stock",
        userId,
        email,
        subject: composed.subject,
        body: composed.text,
        props: composed.props,
      }));
    });
    // The emails and their jobs (lib/queue's outbox rows) in one statement, each set as one JSON parameter.
    const jobs = outboxRows(rows.map((r) => ({ key: "sendEmail" as const, payload: { notificationId: r.id } })));
    await tx.$executeRaw`
      WITH n AS (
        INSERT INTO "Notification" ("id", "idempotencyKey", "type", "userId", "email", "subject", "body", "props")
        SELECT x."id", x."idempotencyKey", x."type", x."userId", x."email", x."subject", x."body", x."props"
          FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            AS x("id" text, "idempotencyKey" text, "type" text, "userId" text, "email" text, "subject" text, "body" text, "props" jsonb)
        ON CONFLICT DO NOTHING
      )
      INSERT INTO "OutboxMessage" ("id", "queue", "name", "payload", "subject", "claimedUntil")
      SELECT x."id", x."queue", x."name", x."payload", x."subject", x."claimedUntil"
        FROM jsonb_to_recordset(${JSON.stringify(jobs)}::jsonb)
          AS x("id" text, "queue" text, "name" text, "payload" jsonb, "subject" text, "claimedUntil" timestamp(3))`;
    const refs: OutboxRef[] = jobs.map(({ id, queue, name, payload }) => ({ id, queue, name, payload }));
    return { refs, count: crossed.length };
  }, TX_OPTIONS);
  await dispatchOutbox(refs);
  return count;
}

/** SQL severity of a state column (ok 0, low 1, out 2), for "got worse". */
function sev(column: "cur.next" | "cur.prev" | "m.next" | "m.prev") {
  return Prisma.raw(`(CASE ${column} WHEN 'out' THEN 2 WHEN 'low' THEN 1 ELSE 0 END)`);
}
