-- migrate:up
-- Pricing and stock alerts: markup rules, price changes awaiting
-- approval, settings, per-warehouse offer stock and stock-alert crossings.
CREATE TYPE "MarkupScope" AS ENUM ('global', 'brand', 'category', 'tier');
CREATE TYPE "MarkupKind" AS ENUM ('percent', 'fixed', 'tiers');
CREATE TYPE "PriceChangeStatus" AS ENUM ('pending', 'approved', 'rejected', 'superseded');

ALTER TABLE "Product" ADD COLUMN "priceCost" DECIMAL(12,2);
ALTER TABLE "Product" ADD COLUMN "disabled" BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE "SupplierOffer" ADD COLUMN "alertState" TEXT NOT NULL DEFAULT 'ok';
ALTER TABLE "SupplierOffer" ADD COLUMN "alertSeq" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "MarkupRule" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scope" "MarkupScope" NOT NULL,
    "scopeValue" TEXT,
    "kind" "MarkupKind" NOT NULL,
    "value" DECIMAL(12,4),
    "costTiers" JSONB,
    "rounding" TEXT NOT NULL DEFAULT 'none',
    "priority" INTEGER NOT NULL DEFAULT 100,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "MarkupRule_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "MarkupRule_active_scope_idx" ON "MarkupRule"("active", "scope");

CREATE TABLE "PriceChange" (
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "oldPrice" DECIMAL(12,2) NOT NULL,
    "newPrice" DECIMAL(12,2) NOT NULL,
    "oldCost" DECIMAL(12,2),
    "newCost" DECIMAL(12,2) NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "PriceChangeStatus" NOT NULL DEFAULT 'pending',
    "pendingFor" TEXT,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "PriceChange_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "PriceChange_pendingFor_key" ON "PriceChange"("pendingFor");
CREATE INDEX "PriceChange_status_createdAt_idx" ON "PriceChange"("status", "createdAt");
CREATE INDEX "PriceChange_productId_createdAt_idx" ON "PriceChange"("productId", "createdAt");
ALTER TABLE "PriceChange" ADD CONSTRAINT "PriceChange_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

CREATE TABLE "SupplierOfferStock" (
    "offerId" TEXT NOT NULL,
    "warehouse" TEXT NOT NULL,
    "countryCode" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SupplierOfferStock_pkey" PRIMARY KEY ("offerId", "warehouse")
);
ALTER TABLE "SupplierOfferStock" ADD CONSTRAINT "SupplierOfferStock_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "SupplierOffer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "StockAlert" (
    "id" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "threshold" INTEGER NOT NULL,
    "crossing" INTEGER NOT NULL,
    "sku" TEXT NOT NULL,
    "supplierName" TEXT NOT NULL,
    "supplierSku" TEXT NOT NULL,
    "deactivated" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StockAlert_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "StockAlert_offerId_crossing_key" ON "StockAlert"("offerId", "crossing");
CREATE INDEX "StockAlert_createdAt_idx" ON "StockAlert"("createdAt");
ALTER TABLE "StockAlert" ADD CONSTRAINT "StockAlert_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "SupplierOffer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- migrate:down
DROP TABLE IF EXISTS "StockAlert", "SupplierOfferStock", "Setting", "PriceChange", "MarkupRule";
ALTER TABLE "SupplierOffer" DROP COLUMN IF EXISTS "alertSeq", DROP COLUMN IF EXISTS "alertState";
ALTER TABLE "Product" DROP COLUMN IF EXISTS "disabled", DROP COLUMN IF EXISTS "priceCost";
DROP TYPE IF EXISTS "PriceChangeStatus";
DROP TYPE IF EXISTS "MarkupKind";
DROP TYPE IF EXISTS "MarkupScope";
