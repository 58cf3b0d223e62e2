-- migrate:up
ALTER TABLE "Notification" ADD COLUMN "props" JSONB;

-- migrate:down
ALTER TABLE "Notification" DROP COLUMN "props";
