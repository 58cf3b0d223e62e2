-- migrate:up
-- The webhook log with replay and the failed work page (issue 14 points 2 and 3).
--
-- A flagged event ops attach to one of our supplier orders by hand is applied to it, whatever
-- reference it names. Replays and attaches leave a row each (the event's outcome history), and
-- the event row shows the last replay's outcome ("duplicate: already applied" for an event that
-- had been applied: a replay changes nothing then).
ALTER TABLE "WebhookEvent" ADD COLUMN "attachedSupplierOrderId" TEXT;
ALTER TABLE "WebhookEvent" ADD COLUMN "replays" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "WebhookEvent" ADD COLUMN "lastReplayAt" TIMESTAMP(3);
ALTER TABLE "WebhookEvent" ADD COLUMN "lastReplayOutcome" TEXT;
-- The log's supplier filter, newest first.
CREATE INDEX "WebhookEvent_supplierId_receivedAt_idx" ON "WebhookEvent"("supplierId", "receivedAt");

CREATE TABLE "WebhookEventAction" (
  "id" TEXT NOT NULL,
  "webhookEventId" TEXT NOT NULL,
  -- replay | attach
  "kind" TEXT NOT NULL,
  "actorEmail" TEXT NOT NULL,
  "previousOutcome" TEXT NOT NULL,
  "supplierOrderId" TEXT,
  -- The processing job it queued (OutboxMessage id).
  "outboxId" TEXT NOT NULL,
  -- Null while the job has not run; then applied | ignored | duplicate | unknown_order | mismatch | failed.
  "outcome" TEXT,
  "message" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "finishedAt" TIMESTAMP(3),
  CONSTRAINT "WebhookEventAction_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "WebhookEventAction_webhookEventId_fkey" FOREIGN KEY ("webhookEventId") REFERENCES "WebhookEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "WebhookEventAction_webhookEventId_createdAt_idx" ON "WebhookEventAction"("webhookEventId", "createdAt");
CREATE INDEX "WebhookEventAction_outboxId_idx" ON "WebhookEventAction"("outboxId");

-- Failed work: an outbox row ops discarded is "discarded" (no schema change: status is text).
-- The failed work list reads dead rows newest first.
CREATE INDEX "OutboxMessage_status_completedAt_idx" ON "OutboxMessage"("status", "completedAt");

-- migrate:down
DROP INDEX IF EXISTS "OutboxMessage_status_completedAt_idx";
DROP TABLE "WebhookEventAction";
DROP INDEX IF EXISTS "WebhookEvent_supplierId_receivedAt_idx";
ALTER TABLE "WebhookEvent" DROP COLUMN "lastReplayOutcome", DROP COLUMN "lastReplayAt", DROP COLUMN "replays", DROP COLUMN "attachedSupplierOrderId";
