-- migrate:up
-- Company settings: saved shipping addresses the checkout picks from (one may be the default).
CREATE TABLE "CompanyAddress" (
  "id" TEXT NOT NULL,
  "companyId" TEXT NOT NULL,
  "label" TEXT NOT NULL,
  "address" JSONB NOT NULL,
  "isDefault" BOOLEAN NOT NULL DEFAULT false,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "CompanyAddress_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "CompanyAddress_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "CompanyAddress_companyId_idx" ON "CompanyAddress"("companyId");
ALTER TABLE "CompanyAddress" ALTER COLUMN "label" SET COMPRESSION lz4, ALTER COLUMN "address" SET COMPRESSION lz4;

-- migrate:down
DROP TABLE "CompanyAddress";
