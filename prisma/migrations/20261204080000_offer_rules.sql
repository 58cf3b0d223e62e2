-- migrate:up
-- Offer terms by rule, not only per product (issue 13): a rule matches products by brand, model,
-- grade and/or category (case-insensitive; an empty matcher matches all) and sets the floor and
-- the auto-accept price as a percentage of the buyer's list price, and the offer expiry. A
-- product's own terms (ProductOfferTerms) win field by field; among rules the lowest priority
-- number wins. The supplier cost each line was offered and accepted against is kept (ops see the
-- margin and whether the cost moved), and the address an offer made "order on acceptance" ships to.
CREATE TABLE "OfferRule" (
  "id" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "brand" TEXT,
  "model" TEXT,
  "grade" TEXT,
  "category" TEXT,
  "floorPercent" DECIMAL(5,2),
  "autoAcceptPercent" DECIMAL(5,2),
  "expiryHours" INTEGER,
  "priority" INTEGER NOT NULL DEFAULT 100,
  "active" BOOLEAN NOT NULL DEFAULT true,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "OfferRule_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "ProductOfferTerms" ADD COLUMN "expiryHours" INTEGER;
ALTER TABLE "OfferLine" ADD COLUMN "costAtOffer" DECIMAL(12,2);
ALTER TABLE "OfferLine" ADD COLUMN "costAtAcceptance" DECIMAL(12,2);
ALTER TABLE "Offer" ADD COLUMN "shippingAddress" JSONB;

-- migrate:down
ALTER TABLE "Offer" DROP COLUMN "shippingAddress";
ALTER TABLE "OfferLine" DROP COLUMN "costAtAcceptance";
ALTER TABLE "OfferLine" DROP COLUMN "costAtOffer";
ALTER TABLE "ProductOfferTerms" DROP COLUMN "expiryHours";
DROP TABLE "OfferRule";
