-- migrate:up
-- Every order changes Product.stock and SupplierOffer.stock. An index covering a column that
-- changes on every order makes each update write a new row version and new index entries
-- (no HOT update), so dead versions pile up on the hottest products. Product(active, stock)
-- becomes Product(active); both tables leave room in each page for in-place (HOT) updates.
DROP INDEX "Product_active_stock_idx";
CREATE INDEX "Product_active_idx" ON "Product"("active");
ALTER TABLE "Product" SET (fillfactor = 80);
ALTER TABLE "SupplierOffer" SET (fillfactor = 80);

-- migrate:down
ALTER TABLE "SupplierOffer" RESET (fillfactor);
ALTER TABLE "Product" RESET (fillfactor);
DROP INDEX "Product_active_idx";
CREATE INDEX "Product_active_stock_idx" ON "Product"("active", "stock");
