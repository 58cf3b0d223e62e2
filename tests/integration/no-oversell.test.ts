// Stock under contention, on the real database and the real route: 200
// orders fired at once for a SKU two suppliers hold 50 of in all. Exactly 50
// are sold, each supplier's offer ends at 0 and never below, every refusal is
// a clean 422 out_of_stock, and product stock equals what its offers have.
// Rows the orders update on every placement stay updatable in place (no
// index covers Product.stock), so hot products do not pile up dead versions.
import { randomUUID } from "node:crypto";
import { beforeEach, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { seedProduct } from "../../prisma/factories";
import { address, api, resetState, seedOtherSuppliers, seedWorld } from "../helpers/harness";

const SKU = "IPHONE13-128GB-A";

beforeEach(async () => {
  await resetState();
  const world = await seedWorld({ products: 0 });
  const { cj } = await seedOtherSuppliers();
  const phone = { sku: SKU, name: "iPhone 13 128GB Grade A", brand: "Apple", model: "iPhone 13", storage: "128GB", color: "Midnight", grade: "A" };
  await seedProduct(world.supplier.id, { ...phone, cost: 329, price: 369, stock: 30, priority: 1 });
  await seedProduct(cj.id, { ...phone, supplierSku: "CJ-VID-9999A", cost: 330, price: 369, stock: 20, priority: 2 });
});

it("200 concurrent orders for 50 in stock: exactly 50 sold, nothing oversold", async () => {
  const results = await Promise.all(
    Array.from({ length: 200 }, (_, n) =>
      api("/api/orders", {
        method: "POST",
        headers: { "Idempotency-Key": randomUUID() },
        json: { items: [{ sku: SKU, quantity: 1 }], shippingAddress: address, reference: `PO-RACE-${n}` },
      }),
    ),
  );
  const byStatus = new Map<number, number>();
  for (const r of results) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
  expect(Object.fromEntries(byStatus)).toEqual({ 201: 50, 422: 150 });
  for (const r of results.filter((x) => x.status === 422)) expect((r.body as { error: { code: string } }).error.code).toBe("out_of_stock");

  const sold = await db.orderItem.aggregate({ _sum: { quantity: true } });
  expect(sold._sum.quantity).toBe(50);
  const offers = await db.supplierOffer.findMany({ where: { product: { sku: SKU } }, select: { stock: true } });
  expect(offers.map((o) => o.stock)).toEqual([0, 0]);
  const product = await db.product.findUniqueOrThrow({ where: { sku: SKU } });
  expect(product.stock).toBe(0);
  expect(await db.order.count()).toBe(50);
});

it("no index covers a column every order changes, so those updates can be HOT", async () => {
  const indexed = await db.$queryRaw<{ table: string; column: string }[]>`
    SELECT t.relname AS table, a.attname AS column
      FROM pg_index i
      JOIN pg_class t ON t.oid = i.indrelid
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(i.indkey)
     WHERE t.relname IN ('Product', 'SupplierOffer') AND a.attname IN ('stock', 'updatedAt')`;
  expect(indexed).toEqual([]);
});
