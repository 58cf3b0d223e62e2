-- migrate:up
-- Outbound webhooks to resellers' systems (Standard Webhooks). An endpoint belongs to a company
-- and subscribes to events; its signing secret (whsec_…) is encrypted at rest, and after a
-- rotation the previous one keeps signing too until previousSecretUntil.
CREATE TABLE "WebhookEndpoint" (
  "id" TEXT NOT NULL,
  "companyId" TEXT NOT NULL,
  "url" TEXT NOT NULL,
  "description" TEXT,
  "events" TEXT[] NOT NULL,
  "secret" TEXT NOT NULL,
  "previousSecret" TEXT,
  "previousSecretUntil" TIMESTAMP(3),
  "disabledAt" TIMESTAMP(3),
  "disabledReason" TEXT,
  "failingSince" TIMESTAMP(3),
  "createdById" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "WebhookEndpoint_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "WebhookEndpoint_companyId_idx" ON "WebhookEndpoint"("companyId");

-- One event for one endpoint: the delivery and its retries. Written in the transaction that
-- wrote the order event (the trigger below), so an event is never lost and never doubled.
CREATE SEQUENCE "WebhookMessage_sequence_seq";
CREATE TABLE "WebhookMessage" (
  "id" TEXT NOT NULL,
  "endpointId" TEXT NOT NULL,
  "eventType" TEXT NOT NULL,
  "orderId" TEXT,
  "orderEventId" TEXT,
  "sequence" BIGINT NOT NULL,
  "payload" TEXT,
  "status" TEXT NOT NULL DEFAULT 'pending',
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "lastStatusCode" INTEGER,
  "lastError" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "deliveredAt" TIMESTAMP(3),
  CONSTRAINT "WebhookMessage_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "WebhookMessage_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "WebhookMessage_endpointId_orderEventId_eventType_key" ON "WebhookMessage"("endpointId", "orderEventId", "eventType");
CREATE INDEX "WebhookMessage_endpointId_createdAt_idx" ON "WebhookMessage"("endpointId", "createdAt");
CREATE INDEX "WebhookMessage_status_nextAttemptAt_idx" ON "WebhookMessage"("status", "nextAttemptAt");
ALTER TABLE "WebhookMessage" ALTER COLUMN "payload" SET COMPRESSION lz4;

CREATE TABLE "WebhookAttempt" (
  "id" TEXT NOT NULL,
  "messageId" TEXT NOT NULL,
  "attempt" INTEGER NOT NULL,
  "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "statusCode" INTEGER,
  "latencyMs" INTEGER NOT NULL,
  "responseExcerpt" TEXT,
  "error" TEXT,
  CONSTRAINT "WebhookAttempt_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "WebhookAttempt_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "WebhookMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "WebhookAttempt_messageId_idx" ON "WebhookAttempt"("messageId");

-- The fan-out: once per INSERT statement on the timeline (set-based: order intake writes many
-- events in one statement), a message per subscribed endpoint of the order's company. An order's
-- creation is order.created; a change of the order's status is order.updated, and also
-- order.shipped / .delivered / .canceled / .failed when it is one. The sequence grows with every
-- event, so within one order a later event always has a larger one.
CREATE FUNCTION portal_webhook_fanout() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "WebhookEndpoint" WHERE "disabledAt" IS NULL) THEN
    RETURN NULL;
  END IF;
  INSERT INTO "WebhookMessage" ("id", "endpointId", "eventType", "orderId", "orderEventId", "sequence")
  SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), w."id", t.event_type, ev."orderId", ev."id", ev.seq
    FROM (SELECT n."id", n."orderId", n."type", n."orderStatus", nextval('"WebhookMessage_sequence_seq"') AS seq
            FROM (SELECT * FROM new_events ORDER BY "createdAt", "id") n
           WHERE n."type" IN ('created', 'order_status_changed')) ev
    JOIN "Order" o ON o."id" = ev."orderId"
    JOIN "WebhookEndpoint" w ON w."companyId" = o."companyId" AND w."disabledAt" IS NULL
    CROSS JOIN LATERAL (VALUES
      (CASE WHEN ev."type" = 'created' THEN 'order.created' ELSE 'order.updated' END),
      (CASE WHEN ev."type" = 'order_status_changed' THEN
         CASE ev."orderStatus"::text WHEN 'shipped' THEN 'order.shipped' WHEN 'partially_shipped' THEN 'order.shipped'
           WHEN 'delivered' THEN 'order.delivered' WHEN 'canceled' THEN 'order.canceled' WHEN 'failed' THEN 'order.failed' END
       END)) AS t(event_type)
   WHERE t.event_type IS NOT NULL AND t.event_type = ANY(w."events")
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER "OrderEvent_webhook_fanout" AFTER INSERT ON "OrderEvent"
  REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION portal_webhook_fanout();

-- migrate:down
DROP TRIGGER "OrderEvent_webhook_fanout" ON "OrderEvent";
DROP FUNCTION portal_webhook_fanout();
DROP TABLE "WebhookAttempt";
DROP TABLE "WebhookMessage";
DROP SEQUENCE "WebhookMessage_sequence_seq";
DROP TABLE "WebhookEndpoint";
