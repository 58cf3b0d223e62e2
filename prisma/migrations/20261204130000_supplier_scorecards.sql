-- migrate:up
-- Supplier scorecards (issue 14 point 4). Each supplier's routing score, recomputed by the
-- worker's scorecard job scheduler from our own records (lib/scorecards), cached here so order
-- intake reads it with the supplier in its one read (null: not computed yet, or too little history:
-- routing then uses the neutral score). Circuit breaker openings are recorded, one row each, so the
-- scorecard counts them from Postgres fleet-wide (the breaker itself lives in Redis).
ALTER TABLE "Supplier" ADD COLUMN "score" DOUBLE PRECISION, ADD COLUMN "scoreComputedAt" TIMESTAMP(3);

CREATE TABLE "SupplierCircuitOpening" (
  "id" TEXT NOT NULL,
  "supplierId" TEXT NOT NULL,
  -- Consecutive failures when it opened.
  "failures" INTEGER NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "SupplierCircuitOpening_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "SupplierCircuitOpening_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "SupplierCircuitOpening_supplierId_createdAt_idx" ON "SupplierCircuitOpening"("supplierId", "createdAt");

-- The scorecard reads a supplier's orders of a window.
CREATE INDEX "SupplierOrder_supplierId_createdAt_idx" ON "SupplierOrder"("supplierId", "createdAt");

-- migrate:down
DROP INDEX "SupplierOrder_supplierId_createdAt_idx";
DROP TABLE "SupplierCircuitOpening";
ALTER TABLE "Supplier" DROP COLUMN "scoreComputedAt", DROP COLUMN "score";
