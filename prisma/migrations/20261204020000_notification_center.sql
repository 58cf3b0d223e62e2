-- migrate:up
-- The notification center: every user's in-app inbox, per-user preferences per event type and
-- channel, stock alerts held for a daily digest, and ops' resends of an email.
--
-- The inbox is written by a trigger on "Notification", the table every email is queued in, so
-- each path that emails (order intake's one statement, supplier updates, stock alerts, sync
-- failures) fills the inboxes in the same transaction, without a second write path to forget.

CREATE TABLE "InboxItem" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  -- The event, the same for every recipient of it (the email's idempotency key without the address).
  "eventKey" TEXT NOT NULL,
  "type" TEXT NOT NULL,
  "title" TEXT NOT NULL,
  "orderId" TEXT,
  "url" TEXT,
  "notificationId" TEXT,
  "readAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "InboxItem_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "InboxItem_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "InboxItem_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "InboxItem_userId_eventKey_key" ON "InboxItem"("userId", "eventKey");
CREATE INDEX "InboxItem_userId_createdAt_idx" ON "InboxItem"("userId", "createdAt");
CREATE INDEX "InboxItem_orderId_idx" ON "InboxItem"("orderId");
ALTER TABLE "InboxItem" ALTER COLUMN "title" SET COMPRESSION lz4, ALTER COLUMN "eventKey" SET COMPRESSION lz4;

-- No row: both channels on, no digest.
CREATE TABLE "NotificationPreference" (
  "userId" TEXT NOT NULL,
  "type" TEXT NOT NULL,
  "email" BOOLEAN NOT NULL DEFAULT true,
  "inApp" BOOLEAN NOT NULL DEFAULT true,
  -- low_stock / out_of_stock only: one email a day instead of one per crossing.
  "digest" BOOLEAN NOT NULL DEFAULT false,
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("userId", "type"),
  CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- An ops resend: a new delivery of an earlier email (no new inbox item, no preference check).
ALTER TABLE "Notification" ADD COLUMN "resendOfId" TEXT;
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_resendOfId_fkey" FOREIGN KEY ("resendOfId") REFERENCES "Notification"("id") ON DELETE SET NULL ON UPDATE CASCADE;
-- (Stock alerts held for a digest are found through "Notification_status_createdAt_idx".)

CREATE FUNCTION portal_notification_fanout() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The email, by its recipient's preference: turned off → suppressed; stock alerts as a digest → held.
  -- (Index lookups per row: User by email, the preference by its key.)
  UPDATE "Notification" n
     SET "status" = CASE WHEN NOT p."email" THEN 'suppressed' ELSE 'held' END,
         "lastError" = CASE WHEN NOT p."email" THEN 'not sent: the recipient turned these emails off' ELSE NULL END
    FROM inserted i
    JOIN "User" u ON u."email" = i."email"
    JOIN "NotificationPreference" p ON p."userId" = u."id" AND p."type" = i."type"
   WHERE n."id" = i."id" AND i."status" = 'pending' AND i."resendOfId" IS NULL
     AND (NOT p."email" OR (p."digest" AND i."type" IN ('low_stock', 'out_of_stock')));

  -- The inboxes: one item per user and event, however many addresses the event emailed.
  INSERT INTO "InboxItem" ("id", "userId", "eventKey", "type", "title", "orderId", "url", "notificationId")
  SELECT DISTINCT ON (a."userId", a."eventKey")
         gen_random_uuid()::text, a."userId", a."eventKey", a."type", a."title", a."orderId", a."url", a."notificationId"
    FROM (
      SELECT b."userId", b."type", b."title", b."orderId", b."url", b."notificationId",
             -- The event: the email's idempotency key without its ":<address>" end.
             CASE WHEN right(b."idempotencyKey", length(b."email") + 1) = ':' || b."email"
                  THEN left(b."idempotencyKey", length(b."idempotencyKey") - length(b."email") - 1)
                  ELSE b."idempotencyKey" END AS "eventKey"
        FROM (
          -- A company's order events: its active users.
          SELECT u."id" AS "userId", i."idempotencyKey", i."email", i."type", i."subject" AS "title", i."orderId",
                 '/orders/' || i."orderId" AS "url", i."id" AS "notificationId"
            FROM inserted i
            JOIN "Order" o ON o."id" = i."orderId"
            JOIN "User" u ON u."companyId" = o."companyId" AND u."role" = 'reseller' AND u."deactivatedAt" IS NULL
           WHERE i."resendOfId" IS NULL
             AND i."type" IN ('order_placed', 'order_accepted', 'order_rejected', 'order_processing', 'order_shipped', 'order_delivered', 'order_canceled')
          UNION ALL
          -- Ops events: every active staff user.
          SELECT u."id", i."idempotencyKey", i."email", i."type", i."subject", i."orderId",
                 CASE WHEN i."orderId" IS NOT NULL THEN '/ops/orders/' || i."orderId"
                      WHEN i."type" = 'sync_failed' THEN '/ops/sync'
                      ELSE '/ops/alerts' END,
                 i."id"
            FROM inserted i
            JOIN "User" u ON u."role" IN ('ops', 'admin') AND u."deactivatedAt" IS NULL
           WHERE i."resendOfId" IS NULL AND i."type" IN ('order_failed', 'low_stock', 'out_of_stock', 'sync_failed')
          UNION ALL
          -- A company owner's own events (a webhook endpoint disabled): that user.
          SELECT u."id", i."idempotencyKey", i."email", i."type", i."subject", i."orderId", '/account/webhooks', i."id"
            FROM inserted i
            JOIN "User" u ON u."email" = i."email" AND u."deactivatedAt" IS NULL
           WHERE i."resendOfId" IS NULL AND i."type" = 'webhook_disabled'
        ) b
    ) a
   WHERE NOT EXISTS (SELECT 1 FROM "NotificationPreference" p WHERE p."userId" = a."userId" AND p."type" = a."type" AND NOT p."inApp")
   ORDER BY a."userId", a."eventKey", a."notificationId"
  ON CONFLICT ("userId", "eventKey") DO NOTHING;
  RETURN NULL;
END;
$$;

CREATE TRIGGER portal_notification_fanout AFTER INSERT ON "Notification"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION portal_notification_fanout();

-- migrate:down
DROP TRIGGER portal_notification_fanout ON "Notification";
DROP FUNCTION portal_notification_fanout();
ALTER TABLE "Notification" DROP CONSTRAINT "Notification_resendOfId_fkey";
ALTER TABLE "Notification" DROP COLUMN "resendOfId";
DROP TABLE "NotificationPreference";
DROP TABLE "InboxItem";
