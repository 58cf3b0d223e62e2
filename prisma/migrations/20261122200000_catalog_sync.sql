-- migrate:up
-- Catalog sync: per-supplier intervals, the full-snapshot watermark,
-- progress and checkpoint on the sync log, and the staging table.
ALTER TABLE "Supplier"
    ADD COLUMN "syncStockMinutes" INTEGER NOT NULL DEFAULT 15,
    ADD COLUMN "syncCatalogMinutes" INTEGER NOT NULL DEFAULT 60,
    ADD COLUMN "inventorySnapshotAt" TIMESTAMP(3);

ALTER TABLE "SupplierSyncLog"
    ADD COLUMN "trigger" TEXT,
    ADD COLUMN "phase" TEXT,
    ADD COLUMN "cursor" TEXT,
    ADD COLUMN "pages" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "staged" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "processed" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "total" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "snapshotAt" TIMESTAMP(3),
    ADD COLUMN "attempt" INTEGER NOT NULL DEFAULT 1;
CREATE INDEX "SupplierSyncLog_createdAt_idx" ON "SupplierSyncLog"("createdAt");

-- UNLOGGED: staging is rebuilt from the supplier whenever it is lost, so it
-- need not pay for WAL; a crash empties it and the resumed run notices
-- (SupplierSyncLog.staged no longer matches) and redoes from the first page.
CREATE UNLOGGED TABLE "CatalogSyncStage" (
    "syncLogId" TEXT NOT NULL,
    "supplierSku" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "brand" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "storage" TEXT NOT NULL,
    "color" TEXT NOT NULL,
    "grade" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "cost" DECIMAL(12,2) NOT NULL,
    "currency" TEXT NOT NULL,
    CONSTRAINT "CatalogSyncStage_pkey" PRIMARY KEY ("syncLogId", "supplierSku")
);

-- migrate:down
DROP TABLE IF EXISTS "CatalogSyncStage";
DROP INDEX IF EXISTS "SupplierSyncLog_createdAt_idx";
ALTER TABLE "SupplierSyncLog"
    DROP COLUMN "trigger", DROP COLUMN "phase", DROP COLUMN "cursor", DROP COLUMN "pages", DROP COLUMN "staged",
    DROP COLUMN "processed", DROP COLUMN "total", DROP COLUMN "snapshotAt", DROP COLUMN "attempt";
ALTER TABLE "Supplier" DROP COLUMN "syncStockMinutes", DROP COLUMN "syncCatalogMinutes", DROP COLUMN "inventorySnapshotAt";
