// Product stock is the sum of its usable offers. Orders keep it so by
// decrementing both in one transaction; a refresh after offers changed
// (a sync, a push) recomputes it from the offers. When an order commits
// while the refresh's UPDATE is already running (its snapshot taken, the
// product row locked by the order), the refresh must not write back the sum
// it read before the order: the order's decrement would be lost, and the
// catalog would show stock that was sold. Nor may it add the other writer's
// change on top of its own sum when that writer was another refresh.
import pg from "pg";
import { afterEach, beforeEach, expect, it } from "vitest";
import { afterOffersChanged } from "../../lib/catalog/offers/after-offers-changed";
import { db } from "../../lib/db/client";
import { resetState, seedWorld, waitFor } from "../helpers/harness";

let world: Awaited<ReturnType<typeof seedWorld>>;
let order: pg.Client | null = null;
beforeEach(async () => {
  await resetState();
  world = await seedWorld();
});
afterEach(async () => {
  await order?.end().catch(() => undefined);
  order = null;
});

const writers = {
  // portal_place_orders: both decremented by the quantity.
  order: `UPDATE "Product" SET "stock" = GREATEST(0, "stock" - 3) WHERE "id" = $1`,
  // Another refresh: the product set to the sum it read.
  refresh: `UPDATE "Product" p SET "stock" = (SELECT COALESCE(SUM(o."stock"), 0) FROM "SupplierOffer" o WHERE o."productId" = p."id" AND o."active") WHERE "id" = $1`,
};

it.each(Object.entries(writers))("a product written by another %s while a refresh runs ends at the sum of its offers", async (_, writeProduct) => {
  const product = await db.product.findUniqueOrThrow({ where: { sku: world.skus[0]! }, include: { offers: true } });
  const offer = product.offers.find((o) => o.supplierId === world.supplier.id)!;
  // The refresh has something to write: the offer's stock moved without the product following (as after a sync).
  await db.supplierOffer.update({ where: { id: offer.id }, data: { stock: offer.stock + 10 } });

  // An order holds the product row (as portal_place_orders does between its offer and product decrements).
  order = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await order.connect();
  await order.query("BEGIN");
  await order.query(`SELECT 1 FROM "Product" WHERE "id" = $1 FOR UPDATE`, [product.id]);

  const refresh = afterOffersChanged([product.id]);
  // The refresh's UPDATE has its snapshot and waits for the row (the only statement that can wait on a lock here;
  // its text is longer than pg_stat_activity keeps).
  await waitFor(
    async () => {
      const [r] = await db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%reprice_apply%'`;
      return (r?.n ?? 0) > 0;
    },
    { what: "the refresh waiting on the product row" },
  );
  await order.query(`UPDATE "SupplierOffer" SET "stock" = "stock" - 3 WHERE "id" = $1`, [offer.id]);
  await order.query(writeProduct, [product.id]);
  await order.query("COMMIT");
  await refresh;

  const offers = await db.supplierOffer.findMany({ where: { productId: product.id, active: true, supplier: { active: true } } });
  const sum = offers.reduce((n, o) => n + o.stock, 0);
  expect(sum).toBe(product.stock + 10 - 3);
  expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(sum);
});
