-- migrate:up
-- Offers and counter-offers (issue 13): a buyer's offer on catalog lines, ops' counter, the
-- buyer's answer; every step on the offer's timeline. Per product, ops may set a floor (offers
-- below it are declined at once) and an auto-accept price (offers at or above it are accepted).
CREATE TYPE "OfferStatus" AS ENUM ('open', 'countered', 'accepted', 'declined', 'expired', 'withdrawn', 'ordered');

CREATE TABLE "Offer" (
  "id" TEXT NOT NULL,
  "number" TEXT NOT NULL,
  "companyId" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "status" "OfferStatus" NOT NULL DEFAULT 'open',
  "message" TEXT,
  "currency" TEXT NOT NULL DEFAULT 'USD',
  "orderOnAcceptance" BOOLEAN NOT NULL DEFAULT false,
  -- An open or countered offer expires then; an accepted one holds its terms until holdUntil.
  "expiresAt" TIMESTAMP(3) NOT NULL,
  "holdUntil" TIMESTAMP(3),
  "orderId" TEXT,
  -- Why it was declined or expired, in words the buyer may read.
  "reason" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "Offer_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "Offer_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "Offer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "Offer_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "Offer_number_key" ON "Offer"("number");
CREATE INDEX "Offer_companyId_createdAt_idx" ON "Offer"("companyId", "createdAt");
CREATE INDEX "Offer_status_expiresAt_idx" ON "Offer"("status", "expiresAt");
CREATE SEQUENCE "Offer_number_seq" START 1000;

CREATE TABLE "OfferLine" (
  "id" TEXT NOT NULL,
  "offerId" TEXT NOT NULL,
  "productId" TEXT NOT NULL,
  "sku" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  -- The terms on the table now (the buyer's, or ops' counter); the timeline keeps every version.
  "quantity" INTEGER NOT NULL,
  "unitPrice" DECIMAL(12,2) NOT NULL,
  -- What the catalog asked when the offer was made.
  "listPrice" DECIMAL(12,2) NOT NULL,
  CONSTRAINT "OfferLine_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "OfferLine_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "Offer"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "OfferLine_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "OfferLine_offerId_idx" ON "OfferLine"("offerId");

CREATE TABLE "OfferEvent" (
  "id" TEXT NOT NULL,
  "offerId" TEXT NOT NULL,
  -- made | countered | accepted | declined | withdrawn | expired | ordered
  "type" TEXT NOT NULL,
  "status" "OfferStatus" NOT NULL,
  -- "buyer:<email>", "ops:<email>", "api", "system"
  "source" TEXT NOT NULL,
  "message" TEXT,
  -- The terms after this step: [{ sku, quantity, unitPrice }].
  "terms" JSONB,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "OfferEvent_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "OfferEvent_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "Offer"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "OfferEvent_offerId_createdAt_idx" ON "OfferEvent"("offerId", "createdAt");

-- Per product: the floor and the auto-accept price ops set (no row: every offer goes to ops).
CREATE TABLE "ProductOfferTerms" (
  "productId" TEXT NOT NULL,
  "floor" DECIMAL(12,2),
  "autoAccept" DECIMAL(12,2),
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "ProductOfferTerms_pkey" PRIMARY KEY ("productId"),
  CONSTRAINT "ProductOfferTerms_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- migrate:down
DROP TABLE "ProductOfferTerms";
DROP TABLE "OfferEvent";
DROP TABLE "OfferLine";
DROP SEQUENCE "Offer_number_seq";
DROP TABLE "Offer";
DROP TYPE "OfferStatus";
