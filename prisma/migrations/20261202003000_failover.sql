-- migrate:up
-- Issue 9: a line moves to another offer when its supplier is unreachable for
-- failoverAfterSec; a create call that may have reached the supplier (timeout,
-- 5xx, a connection cut mid-request) is read back by our reference first.
ALTER TABLE "Supplier" ADD COLUMN "failoverAfterSec" INTEGER NOT NULL DEFAULT 30;
ALTER TABLE "SupplierOrder" ADD COLUMN "mayExistAt" TIMESTAMP(3);
-- Lines moved away from a supplier order (failover or a rejection rerouted): resellers do not see it.
ALTER TABLE "SupplierOrder" ADD COLUMN "movedAt" TIMESTAMP(3);

-- migrate:down
ALTER TABLE "SupplierOrder" DROP COLUMN "movedAt";
ALTER TABLE "SupplierOrder" DROP COLUMN "mayExistAt";
ALTER TABLE "Supplier" DROP COLUMN "failoverAfterSec";
