-- migrate:up
-- Offer emails (offer_for_buyer, offer_for_ops) in the inboxes too: the buyer's company for our
-- answers, staff for the buyer's moves. The fanout of migration 20261204020000 with two more
-- audiences.
CREATE OR REPLACE FUNCTION portal_notification_fanout() RETURNS trigger LANGUAGE plpgsql AS $$
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
          -- Our answer to an offer: every active user of the buyer's company.
          SELECT u."id", i."idempotencyKey", i."email", i."type", i."subject", NULL, '/offers', i."id"
            FROM inserted i
            JOIN "User" b ON b."id" = i."userId"
            JOIN "User" u ON u."companyId" = b."companyId" AND u."role" = 'reseller' AND u."deactivatedAt" IS NULL
           WHERE i."resendOfId" IS NULL AND i."type" = 'offer_for_buyer'
          UNION ALL
          -- A buyer's move on an offer: every active staff user.
          SELECT u."id", i."idempotencyKey", i."email", i."type", i."subject", NULL, '/ops/offers', i."id"
            FROM inserted i
            JOIN "User" u ON u."role" IN ('ops', 'admin') AND u."deactivatedAt" IS NULL
           WHERE i."resendOfId" IS NULL AND i."type" = 'offer_for_ops'
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

-- migrate:down
-- (The function of 20261204020000 again: offer emails then reach no inbox.)
CREATE OR REPLACE FUNCTION portal_notification_fanout() RETURNS trigger LANGUAGE plpgsql AS $$
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
