// The catalog's one offer writer (lib/catalog/offers) under random
// sequences of everything that writes offers, on the real database: a
// scheduled catalog sync, a pushed update (priced and stock-only), a CSV
// price list naming our SKUs and a listed import carrying the supplier's own
// SKUs (as the CJ import does). Supplier SKUs and our SKUs map many-to-one
// (two supplier SKUs may name one of our products). A sync always lists
// something (an empty feed is refused as a supplier fault). After every step:
// - no supplier has two active offers for one product (its stock would count twice);
// - every product's stock is the sum of its active offers' stock.
import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import { importPriceList } from "../../lib/catalog/import-price-list";
import { applyInventoryItems } from "../../lib/catalog/offers/apply-pushed-inventory";
import { notifyOffersChanged } from "../../lib/catalog/offers/notify-offers-changed";
import { newProductPricer } from "../../lib/catalog/offers/price-new-product";
import { upsertListedOffers } from "../../lib/catalog/offers/upsert-listed-offers";
import { runSupplierSync } from "../../lib/catalog/sync/run-supplier-sync";
import { db, TX_OPTIONS } from "../../lib/db/client";
import type { InventoryItem } from "../../lib/suppliers/types";
import { seedSupplier } from "../../prisma/factories";
import { fakeInventorySource } from "../fakes/fake-inventory-source";
import { resetState } from "../helpers/harness";

/** Our products, and the supplier SKUs that name them (A has two: the supplier renamed it, or lists it twice). */
const OURS = ["PROP-A", "PROP-B", "PROP-C"] as const;
const SUPPLIER_SKUS: Record<string, (typeof OURS)[number]> = { "W-A1": "PROP-A", "W-A2": "PROP-A", "W-B1": "PROP-B", "W-C1": "PROP-C" };

const item = (supplierSku: string, quantity: number, cost: number): InventoryItem => {
  const sku = SUPPLIER_SKUS[supplierSku]!;
  return {
    supplierSku,
    sku,
    name: `Phone ${sku}`,
    brand: "Acme",
    model: sku,
    storage: "128GB",
    color: "Black",
    grade: "A",
    quantity,
    unitPrice: cost.toFixed(2),
    currency: "USD",
  };
};

const skuArb = fc.constantFrom(...Object.keys(SUPPLIER_SKUS));
const ourArb = fc.constantFrom(...OURS);
const qty = fc.integer({ min: 0, max: 40 });
const cost = fc.integer({ min: 50, max: 400 });
const opArb = fc.oneof(
  fc.record({ op: fc.constant("sync" as const), items: fc.uniqueArray(fc.tuple(skuArb, qty, cost), { selector: (t) => t[0], minLength: 1, maxLength: 4 }) }),
  fc.record({ op: fc.constant("push" as const), items: fc.uniqueArray(fc.tuple(skuArb, qty, cost), { selector: (t) => t[0], minLength: 1, maxLength: 3 }) }),
  fc.record({ op: fc.constant("stockOnly" as const), items: fc.uniqueArray(fc.tuple(skuArb, qty), { selector: (t) => t[0], minLength: 1, maxLength: 3 }) }),
  fc.record({
    op: fc.constant("priceList" as const),
    rows: fc.uniqueArray(fc.tuple(ourArb, qty, cost), { selector: (t) => t[0], minLength: 1, maxLength: 3 }),
  }),
  fc.record({ op: fc.constant("listed" as const), items: fc.uniqueArray(fc.tuple(skuArb, qty, cost), { selector: (t) => t[0], minLength: 1, maxLength: 3 }) }),
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

let supplierId = "";
beforeAll(async () => {
  await resetState();
});

async function apply(op: Op, asOf: Date) {
  switch (op.op) {
    case "sync": {
      const r = await runSupplierSync({ supplierId, kind: "catalog", source: fakeInventorySource(op.items.map(([s, q, c]) => item(s, q, c))) });
      expect(r.status).toBe("success");
      return;
    }
    case "push":
      await applyInventoryItems(
        supplierId,
        op.items.map(([s, q, c]) => item(s, q, c)),
        asOf,
      );
      return;
    case "stockOnly":
      await applyInventoryItems(
        supplierId,
        [],
        asOf,
        op.items.map(([supplierSku, quantity]) => ({ supplierSku, quantity })),
      );
      return;
    case "priceList": {
      const lines = op.rows.map(([sku, q, c]) => `Acme,${sku},128GB,Black,A,${c.toFixed(2)},${q},${sku}`);
      const r = await importPriceList({ supplierId, asOf, csv: ["Brand,Model,Storage,Color,Grade,Price,Stock,SKU", ...lines].join("\n") });
      expect(r.errors).toEqual([]);
      return;
    }
    case "listed": {
      const priceOf = await newProductPricer();
      const written = await db.$transaction(
        (tx) =>
          upsertListedOffers(tx, {
            supplierId,
            asOf,
            priceOf,
            rows: op.items.map(([s, q, c]) => {
              const i = item(s, q, c);
              return {
                supplierSku: s,
                sku: i.sku,
                name: i.name,
                brand: i.brand,
                model: i.model,
                storage: i.storage,
                color: i.color,
                grade: i.grade,
                cost: i.unitPrice,
                stock: q,
              };
            }),
          }),
        TX_OPTIONS,
      );
      await notifyOffersChanged(written.productIds);
      return;
    }
  }
}

async function expectInvariants(step: string) {
  const doubled = await db.$queryRaw<{ productId: string; n: number }[]>`
    SELECT "productId", count(*)::int AS n FROM "SupplierOffer" WHERE "active" GROUP BY "supplierId", "productId" HAVING count(*) > 1`;
  expect(doubled, `two active offers of one supplier for one product after ${step}`).toEqual([]);
  const off = await db.$queryRaw<{ sku: string; stock: number; sum: number }[]>`
    SELECT p."sku", p."stock", COALESCE(SUM(o."stock") FILTER (WHERE o."active"), 0)::int AS sum
      FROM "Product" p LEFT JOIN "SupplierOffer" o ON o."productId" = p."id"
     GROUP BY p."id" HAVING p."stock" <> COALESCE(SUM(o."stock") FILTER (WHERE o."active"), 0)`;
  expect(off, `product stock is not the sum of its offers after ${step}`).toEqual([]);
}

it("no sequence of sync, push, price list and import leaves two active offers of one supplier for one product", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 6 }), async (ops) => {
      await db.$executeRawUnsafe(
        `TRUNCATE "SupplierOfferStock", "StockAlert", "PriceChange", "SupplierOffer", "SupplierSyncLog", "CatalogSyncStage", "Product", "Supplier" CASCADE`,
      );
      supplierId = (
        await seedSupplier({
          slug: "prop-wsc",
          type: "wesellcellular",
          apiEndpoint: "http://127.0.0.1:9/unused",
          credentials: { email: "a@b.c", password: "x" },
        })
      ).id;
      // Each step's data is newer than the one before (a sync stamps its own start time).
      let at = Date.now();
      for (const [n, op] of ops.entries()) {
        at += 60_000;
        await apply(op, new Date(Math.max(at, Date.now())));
        await expectInvariants(`step ${n + 1} (${op.op}) of ${JSON.stringify(ops)}`);
      }
    }),
    { numRuns: 40, endOnFailure: true },
  );
}, 240_000);
