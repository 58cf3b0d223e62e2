-- migrate:up
-- Saved lists (issue 13 point 4): a company's lists of SKUs and quantities, made from a cart, a
-- spreadsheet review or an order, shared by every user of the company (owners and buyers
-- change them, viewers read them). A line keeps its SKU when the product goes away.
CREATE TABLE "SavedList" (
  "id" TEXT NOT NULL,
  "companyId" TEXT NOT NULL,
  "createdById" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  -- cart | spreadsheet | order
  "source" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "SavedList_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "SavedList_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "SavedList_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "SavedList_companyId_updatedAt_idx" ON "SavedList"("companyId", "updatedAt");

CREATE TABLE "SavedListLine" (
  "id" TEXT NOT NULL,
  "listId" TEXT NOT NULL,
  -- The line's place in the list (as it was made).
  "position" INTEGER NOT NULL,
  "sku" TEXT NOT NULL,
  "productId" TEXT,
  "quantity" INTEGER NOT NULL,
  "maxUnitPrice" DECIMAL(12,2),
  "note" TEXT,
  CONSTRAINT "SavedListLine_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "SavedListLine_listId_fkey" FOREIGN KEY ("listId") REFERENCES "SavedList"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "SavedListLine_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "SavedListLine_listId_position_idx" ON "SavedListLine"("listId", "position");

-- migrate:down
DROP TABLE "SavedListLine";
DROP TABLE "SavedList";
