-- migrate:up
-- The exceptions queue (issue 14): everything that needs a human, each with a named reason,
-- found from Postgres by a fleet-wide scan on a job scheduler (lib/ops/exceptions). An exception
-- is keyed by what it is about and the state it saw ("key": kind, subject, version), so a scan
-- finding it again only touches lastSeenAt, one that no longer holds is resolved by the scan, and
-- one ops resolved by hand is not opened again for the same state.
CREATE TABLE "OpsException" (
  "id" TEXT NOT NULL,
  "key" TEXT NOT NULL,
  "kind" TEXT NOT NULL,
  "subjectType" TEXT NOT NULL,
  "subjectId" TEXT NOT NULL,
  "orderId" TEXT,
  "supplierOrderId" TEXT,
  "webhookEventId" TEXT,
  "offerId" TEXT,
  "supplierId" TEXT,
  "reason" TEXT NOT NULL,
  "details" JSONB,
  "status" TEXT NOT NULL DEFAULT 'open',
  "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "resolvedAt" TIMESTAMP(3),
  "resolvedBy" TEXT,
  "resolution" TEXT,
  CONSTRAINT "OpsException_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "OpsException_key_key" ON "OpsException"("key");
CREATE INDEX "OpsException_status_openedAt_idx" ON "OpsException"("status", "openedAt");
CREATE INDEX "OpsException_orderId_idx" ON "OpsException"("orderId");

-- How long a supplier order may stay in a status at a supplier before it is an exception
-- (no row: the defaults in lib/ops/exceptions/kinds.ts).
CREATE TABLE "SupplierSla" (
  "supplierId" TEXT NOT NULL,
  "status" "SupplierOrderStatus" NOT NULL,
  "hours" INTEGER NOT NULL,
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "SupplierSla_pkey" PRIMARY KEY ("supplierId", "status"),
  CONSTRAINT "SupplierSla_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- When a supplier order entered its status: set by the database on every status change, so no
-- writer can forget it (the SLA timers read it).
ALTER TABLE "SupplierOrder" ADD COLUMN "statusAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "SupplierOrder" SET "statusAt" = "updatedAt";
CREATE FUNCTION portal_supplier_order_status_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."status" IS DISTINCT FROM OLD."status" THEN
    NEW."statusAt" := now() AT TIME ZONE 'UTC';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "SupplierOrder_status_at" BEFORE UPDATE OF "status" ON "SupplierOrder"
  FOR EACH ROW EXECUTE FUNCTION portal_supplier_order_status_at();

-- migrate:down
DROP TRIGGER "SupplierOrder_status_at" ON "SupplierOrder";
DROP FUNCTION portal_supplier_order_status_at();
ALTER TABLE "SupplierOrder" DROP COLUMN "statusAt";
DROP TABLE "SupplierSla";
DROP TABLE "OpsException";
