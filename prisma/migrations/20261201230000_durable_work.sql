-- migrate:up
-- Issue 7: Postgres is the record of what must happen; Redis only schedules it.
-- The outbox row of a job lives until its work is done (or given up), with a
-- lease that says it is in flight, so a recovery pass can find from Postgres
-- alone every job Redis lost and queue it again under the same job id.
ALTER TABLE "OutboxMessage" ADD COLUMN "subject" TEXT;
ALTER TABLE "OutboxMessage" ADD COLUMN "status" TEXT NOT NULL DEFAULT 'open';
ALTER TABLE "OutboxMessage" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "OutboxMessage" ADD COLUMN "claimedUntil" TIMESTAMP(3);
ALTER TABLE "OutboxMessage" ADD COLUMN "completedAt" TIMESTAMP(3);
ALTER TABLE "OutboxMessage" ADD COLUMN "lastError" TEXT;
-- Rows handed to Redis before this migration: their work is found again by the
-- domain scans of the recovery pass (pending supplier orders, unsent emails, …).
UPDATE "OutboxMessage" SET "status" = 'done', "completedAt" = "dispatchedAt" WHERE "dispatchedAt" IS NOT NULL;
DROP INDEX IF EXISTS "OutboxMessage_dispatchedAt_createdAt_idx";
CREATE INDEX "OutboxMessage_status_claimedUntil_idx" ON "OutboxMessage"("status", "claimedUntil");
CREATE INDEX "OutboxMessage_subject_status_idx" ON "OutboxMessage"("subject", "status");
CREATE INDEX "OutboxMessage_completedAt_idx" ON "OutboxMessage"("completedAt");

-- An email is claimed ("sending", until claimedUntil) before SMTP and marked
-- sent in the one statement that follows the server's acceptance.
ALTER TABLE "Notification" ADD COLUMN "claimedUntil" TIMESTAMP(3);
ALTER TABLE "Notification" ADD COLUMN "messageId" TEXT;
-- Claims found expired while "sending": the previous sender may have been
-- accepted by the server (a possible duplicate, with the same Message-ID).
ALTER TABLE "Notification" ADD COLUMN "interrupted" INTEGER NOT NULL DEFAULT 0;

-- A webhook event's supplier order and time, so one supplier order's events
-- are applied one at a time in event order.
ALTER TABLE "WebhookEvent" ADD COLUMN "reference" TEXT;
ALTER TABLE "WebhookEvent" ADD COLUMN "occurredAt" TIMESTAMP(3);
CREATE INDEX "WebhookEvent_supplierId_reference_idx" ON "WebhookEvent"("supplierId", "reference");
CREATE INDEX "WebhookEvent_outcome_receivedAt_idx" ON "WebhookEvent"("outcome", "receivedAt");

-- When the supplier was asked to cancel (or refused): a cancel asked and not
-- sent is work the recovery pass finds.
ALTER TABLE "SupplierOrder" ADD COLUMN "cancelSentAt" TIMESTAMP(3);

-- migrate:down
ALTER TABLE "SupplierOrder" DROP COLUMN "cancelSentAt";
DROP INDEX IF EXISTS "WebhookEvent_outcome_receivedAt_idx";
DROP INDEX IF EXISTS "WebhookEvent_supplierId_reference_idx";
ALTER TABLE "WebhookEvent" DROP COLUMN "occurredAt", DROP COLUMN "reference";
ALTER TABLE "Notification" DROP COLUMN "interrupted", DROP COLUMN "messageId", DROP COLUMN "claimedUntil";
DROP INDEX IF EXISTS "OutboxMessage_completedAt_idx";
DROP INDEX IF EXISTS "OutboxMessage_subject_status_idx";
DROP INDEX IF EXISTS "OutboxMessage_status_claimedUntil_idx";
ALTER TABLE "OutboxMessage" DROP COLUMN "lastError", DROP COLUMN "completedAt", DROP COLUMN "claimedUntil", DROP COLUMN "attempts", DROP COLUMN "status", DROP COLUMN "subject";
CREATE INDEX "OutboxMessage_dispatchedAt_createdAt_idx" ON "OutboxMessage"("dispatchedAt", "createdAt");
