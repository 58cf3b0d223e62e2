// The catalog sync engine on the real database: set-based
// apply that writes only what changed, the never-older rule for pushes and
// syncs, a sync interrupted mid-way (resumed or redone, never half-applied),
// two syncs of one supplier racing, and a full catalog sync against the
// PhoneX simulator. Only the supplier edge is faked (fakeInventorySource).
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { applyInventoryItems } from "../../lib/catalog/offers/apply-pushed-inventory";
import { priceForCost } from "../../lib/pricing";
import { runSupplierSync } from "../../lib/catalog/sync/run-supplier-sync";
import { phonexCatalog } from "../../prisma/demo-data/phonex-catalog";
import { fakeInventorySource, syntheticItems } from "../fakes/fake-inventory-source";
import { seedProduct } from "../../prisma/factories";
import { resetState, seedWorld } from "../helpers/harness";

let world: Awaited<ReturnType<typeof seedWorld>>;
beforeEach(async () => {
  await resetState();
  world = await seedWorld();
});

const sup = () => world.supplier.id;

/** Every offer of the supplier with its row version (xmin changes on every write). */
async function offerVersions() {
  const rows = await db.$queryRaw<{ sku: string; v: string }[]>`
    SELECT "supplierSku" AS sku, xmin::text AS v FROM "SupplierOffer" WHERE "supplierId" = ${sup()}`;
  return new Map(rows.map((r) => [r.sku, r.v]));
}

/** What a reseller could see: offers and products, as plain rows. */
async function catalogState() {
  return db.$queryRaw<unknown[]>`
    SELECT o."supplierSku", o."stock", o."cost"::text, o."active", p."sku", p."stock" AS "productStock", p."active" AS "productActive", p."price"::text
      FROM "Product" p LEFT JOIN "SupplierOffer" o ON o."productId" = p."id"
     ORDER BY p."sku", o."supplierSku"`;
}

const offer = (supplierSku: string) => db.supplierOffer.findUniqueOrThrow({ where: { supplierId_supplierSku: { supplierId: sup(), supplierSku } } });

describe("bulk apply", () => {
  it("writes only the rows that changed (100 %, 1 %, 0 %)", async () => {
    const n = 3000;
    const first = await runSupplierSync({ supplierId: sup(), kind: "catalog", source: fakeInventorySource(syntheticItems(n), { pageSize: 700 }) });
    expect(first).toMatchObject({ status: "success", counts: { seen: n, added: n, changed: 0 } });

    const before = await offerVersions();
    const onePct = await runSupplierSync({
      supplierId: sup(),
      kind: "catalog",
      source: fakeInventorySource(syntheticItems(n, { version: 1, changeEvery: 100 }), { pageSize: 700 }),
    });
    expect(onePct).toMatchObject({ status: "success", counts: { seen: n, added: 0, changed: 30, deactivated: 0 } });
    const after = await offerVersions();
    const rewritten = [...after].filter(([sku, v]) => before.get(sku) !== v).map(([sku]) => sku);
    expect(rewritten.sort()).toEqual(
      syntheticItems(n)
        .filter((_, i) => i % 100 === 0)
        .map((i) => i.supplierSku)
        .sort(),
    );

    const none = await runSupplierSync({
      supplierId: sup(),
      kind: "catalog",
      source: fakeInventorySource(syntheticItems(n, { version: 1, changeEvery: 100 }), { pageSize: 700 }),
    });
    expect(none).toMatchObject({ status: "success", counts: { changed: 0, added: 0, deactivated: 0 }, changedProducts: 0 });
    expect(await offerVersions()).toEqual(after);

    const all = await runSupplierSync({ supplierId: sup(), kind: "stock", source: fakeInventorySource(syntheticItems(n, { version: 2 }), { pageSize: 700 }) });
    expect(all).toMatchObject({ status: "success", counts: { changed: n } });
    const last = syntheticItems(n, { version: 2 })[n - 1]!;
    expect(await offer(last.supplierSku)).toMatchObject({ stock: last.quantity });
    expect((await offer(last.supplierSku)).cost.toFixed(2)).toBe(last.unitPrice);
  });

  it("a stock sync adds nothing and zeroes offers missing from the feed; a catalog sync deactivates them", async () => {
    const items = syntheticItems(10);
    await runSupplierSync({ supplierId: sup(), kind: "catalog", source: fakeInventorySource(items) });
    const withNew = [...items.slice(0, 8), ...syntheticItems(2, { prefix: "NEW" })];
    const stock = await runSupplierSync({ supplierId: sup(), kind: "stock", source: fakeInventorySource(withNew) });
    // Two synthetic offers are missing from this feed (the 6 seeded PhoneX ones left with the first catalog sync).
    expect(stock).toMatchObject({ status: "success", counts: { added: 0, deactivated: 2 } });
    expect(await db.product.count({ where: { sku: { startsWith: "NEW-" } } })).toBe(0);
    expect(await offer(items[9]!.supplierSku)).toMatchObject({ stock: 0, active: true });
    const log = await db.supplierSyncLog.findFirstOrThrow({ where: { type: "stock" }, orderBy: { createdAt: "desc" } });
    expect(log.message).toMatch(/2 unknown SKUs ignored/);

    const catalog = await runSupplierSync({ supplierId: sup(), kind: "catalog", source: fakeInventorySource(withNew) });
    expect(catalog).toMatchObject({ status: "success", counts: { added: 2, deactivated: 2 } });
    expect(await offer(items[9]!.supplierSku)).toMatchObject({ stock: 0, active: false });
    const created = await db.product.findUniqueOrThrow({ where: { sku: "NEW-000001" } });
    expect(created).toMatchObject({ name: "Phone 1 128GB Black (A)", brand: "Apple", storage: "128GB", grade: "A", active: true });
    expect(created.price.toFixed(2)).toBe(priceForCost("101.50", { brand: "Apple", category: "phones" }, []));
    expect(created.priceCost?.toFixed(2)).toBe("101.50");
    // The seeded product whose only offer left the feed is hidden from ordering.
    expect(await db.product.findUniqueOrThrow({ where: { sku: world.skus[0]! } })).toMatchObject({ stock: 0, active: false });
  });

  it("a SKU on two pages is one offer, with the later page's data", async () => {
    const items = syntheticItems(7);
    const again = { ...items[1]!, quantity: 77, unitPrice: "55.55" };
    // Pages of 3: page 3 holds a new SKU and a repeat of page 1's second, so it is staged as an upsert.
    const feed = [...items, again];
    const r = await runSupplierSync({ supplierId: sup(), kind: "catalog", source: fakeInventorySource(feed, { pageSize: 3 }) });
    expect(r).toMatchObject({ status: "success", counts: { seen: 7, added: 7 } });
    expect(await offer(items[1]!.supplierSku)).toMatchObject({ stock: 77 });
    expect((await offer(items[1]!.supplierSku)).cost.toFixed(2)).toBe("55.55");
    expect(await offer(items[6]!.supplierSku)).toMatchObject({ stock: items[6]!.quantity });
    const log = await db.supplierSyncLog.findUniqueOrThrow({ where: { id: r.status === "success" ? r.syncLogId : "" } });
    expect(log).toMatchObject({ staged: 7, pages: 3, seen: 7 });
  });

  it("refuses an empty feed from a supplier that has offers instead of zeroing them", async () => {
    await expect(runSupplierSync({ supplierId: sup(), kind: "stock", source: fakeInventorySource([]) })).rejects.toThrow(/no items/);
    expect((await db.supplierOffer.findMany({ where: { supplierId: sup() } })).every((o) => o.stock > 0)).toBe(true);
    expect(await db.supplierSyncLog.findFirstOrThrow({ where: { type: "stock" } })).toMatchObject({ status: "error", phase: "done" });
  });
});

describe("never an older snapshot over a newer one", () => {
  it("ignores a push older than the one already applied", async () => {
    const sku = world.skus[0]!;
    const item = phonexCatalog.find((i) => i.sku === sku)!;
    const push = (quantity: number, at: string) =>
      applyInventoryItems(
        sup(),
        [
          {
            supplierSku: sku,
            sku,
            name: item.name,
            brand: item.brand,
            model: item.model,
            storage: item.storage,
            color: item.color,
            grade: item.grade,
            quantity,
            unitPrice: String(item.unit_price),
            currency: "USD",
          },
        ],
        new Date(at),
      );
    expect(await push(3, "2030-01-01T10:00:02Z")).toMatchObject({ changed: 1, stale: 0 });
    expect(await push(9, "2030-01-01T10:00:01Z")).toMatchObject({ changed: 0, stale: 1 });
    expect(await offer(sku)).toMatchObject({ stock: 3, sourceUpdatedAt: new Date("2030-01-01T10:00:02Z") });
    expect((await db.product.findUniqueOrThrow({ where: { sku } })).stock).toBe(3);
    // A newer push with the same data re-stamps the offer without counting as a change.
    expect(await push(3, "2030-01-01T10:00:05Z")).toMatchObject({ changed: 0, stale: 0 });
    expect(await push(7, "2030-01-01T10:00:04Z")).toMatchObject({ changed: 0, stale: 1 });
  });

  it("a push older than a full sync's snapshot changes nothing, even where the sync found no change", async () => {
    const items = syntheticItems(5);
    await runSupplierSync({ supplierId: sup(), kind: "catalog", source: fakeInventorySource([...items]) });
    const log = await db.supplierSyncLog.findFirstOrThrow({ where: { status: "success" } });
    const before = new Date(log.snapshotAt!.getTime() - 1000);
    const r = await applyInventoryItems(sup(), [{ ...items[0]!, quantity: 999 }], before);
    expect(r).toMatchObject({ changed: 0, stale: 1 });
    expect((await offer(items[0]!.supplierSku)).stock).toBe(items[0]!.quantity);
    const later = await applyInventoryItems(sup(), [{ ...items[0]!, quantity: 999 }], new Date());
    expect(later).toMatchObject({ changed: 1 });
  });

  it("a sync started at T keeps what a push newer than T wrote while it ran", async () => {
    const items = syntheticItems(40);
    await runSupplierSync({ supplierId: sup(), kind: "catalog", source: fakeInventorySource(items) });
    const fresh = syntheticItems(40, { version: 3 });
    const source = fakeInventorySource(fresh, {
      pageSize: 10,
      // While page 3 is being fetched, a webhook says SYN-000000 (page 1) now has 77.
      onPage: async (page) => {
        if (page === 3) await applyInventoryItems(sup(), [{ ...items[0]!, quantity: 77 }], new Date());
      },
    });
    const r = await runSupplierSync({ supplierId: sup(), kind: "catalog", source });
    expect(r).toMatchObject({ status: "success", counts: { changed: 39 } });
    expect((await offer(items[0]!.supplierSku)).stock).toBe(77);
    expect((await offer(items[1]!.supplierSku)).stock).toBe(fresh[1]!.quantity);
    expect((await db.supplierSyncLog.findFirstOrThrow({ where: { id: (r as { syncLogId: string }).syncLogId } })).message).toMatch(
      /1 kept \(newer pushed data\)/,
    );
  });
});

describe("a sync interrupted mid-way", () => {
  it("leaves the catalog exactly as it was, and the next run resumes at the checkpoint", async () => {
    await runSupplierSync({ supplierId: sup(), kind: "catalog", source: fakeInventorySource(syntheticItems(500)) });
    const before = await catalogState();
    const next = syntheticItems(500, { version: 5 });
    const source = fakeInventorySource(next, { pageSize: 100, failOnPage: 3 });
    await expect(runSupplierSync({ supplierId: sup(), kind: "catalog", source })).rejects.toThrow(/page 3 failed/);
    expect(await catalogState()).toEqual(before);
    const log = await db.supplierSyncLog.findFirstOrThrow({ where: { status: "error" } });
    expect(log).toMatchObject({ phase: "staging", pages: 2, staged: 200, cursor: "200" });
    expect(log.message).toMatch(/resumes at page 3/);

    source.options.failOnPage = undefined;
    source.asked.length = 0;
    const r = await runSupplierSync({ supplierId: sup(), kind: "catalog", source });
    expect(r).toMatchObject({ status: "success", syncLogId: log.id, resumed: "checkpoint", counts: { seen: 500, changed: 500 } });
    expect(source.asked).toEqual(["200", "300", "400"]);
    expect(await db.supplierSyncLog.findUniqueOrThrow({ where: { id: log.id } })).toMatchObject({ status: "success", attempt: 2, phase: "done" });
    expect((await offer(next[0]!.supplierSku)).stock).toBe(next[0]!.quantity);
    expect(await db.$queryRaw`SELECT 1 FROM "CatalogSyncStage"`).toEqual([]);
  });

  it("redoes from the first page when the worker died and its staging was lost", async () => {
    const next = syntheticItems(300);
    const source = fakeInventorySource(next, { pageSize: 100, failOnPage: 2 });
    await expect(runSupplierSync({ supplierId: sup(), kind: "catalog", source })).rejects.toThrow();
    // As if the process had died (row still "running") and a Postgres restart emptied the UNLOGGED table.
    await db.supplierSyncLog.updateMany({ data: { status: "running" } });
    await db.$executeRaw`DELETE FROM "CatalogSyncStage"`;
    source.options.failOnPage = undefined;
    source.asked.length = 0;
    const r = await runSupplierSync({ supplierId: sup(), kind: "catalog", source });
    expect(r).toMatchObject({ status: "success", resumed: "redo", counts: { seen: 300, added: 300 } });
    expect(source.asked[0]).toBeNull();
    expect(await db.supplierSyncLog.count()).toBe(1);
  });

  it("finishes a run that died after its commit but before product stock followed", async () => {
    // As if the worker died between the apply's commit and afterOffersChanged.
    const dead = await db.supplierSyncLog.create({
      data: { supplierId: sup(), type: "stock", status: "running", phase: "finishing", message: "0 added, 1 changed" },
    });
    const sku = world.skus[0]!;
    await db.product.update({ where: { sku }, data: { stock: 999 } });
    const r = await runSupplierSync({ supplierId: sup(), kind: "catalog", source: fakeInventorySource(syntheticItems(3)) });
    expect(r).toMatchObject({ status: "success", resumed: "new" });
    expect(await db.supplierSyncLog.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({ status: "success", phase: "done" });
    expect((await db.supplierSyncLog.findUniqueOrThrow({ where: { id: dead.id } })).message).toMatch(/recomputed after an interruption/);
    expect((await db.product.findUniqueOrThrow({ where: { sku } })).stock).not.toBe(999);
  });

  it("does not resume a run of the other kind: it is closed and a new run starts", async () => {
    const source = fakeInventorySource(syntheticItems(300), { pageSize: 100, failOnPage: 2 });
    await expect(runSupplierSync({ supplierId: sup(), kind: "catalog", source })).rejects.toThrow();
    source.options.failOnPage = undefined;
    const r = await runSupplierSync({ supplierId: sup(), kind: "stock", source });
    expect(r).toMatchObject({ status: "success", resumed: "new" });
    const logs = await db.supplierSyncLog.findMany({ orderBy: { createdAt: "asc" } });
    expect(logs.map((l) => [l.type, l.status, l.phase])).toEqual([
      ["catalog", "error", "done"],
      ["stock", "success", "done"],
    ]);
  });
});

describe("single flight", () => {
  it("two syncs of the same supplier at once: exactly one runs, the other says it is already running", async () => {
    const items = syntheticItems(400);
    const a = fakeInventorySource(items, { pageSize: 100, delayMs: 100 });
    const b = fakeInventorySource(items, { pageSize: 100, delayMs: 100 });
    const results = await Promise.all([
      runSupplierSync({ supplierId: sup(), kind: "catalog", source: a }),
      runSupplierSync({ supplierId: sup(), kind: "catalog", source: b }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual(["already_running", "success"]);
    const winner = results.find((r) => r.status === "success") as { syncLogId: string };
    const loser = results.find((r) => r.status === "already_running") as { syncLogId: string | null };
    // The loser names the running log when the winner has written it already.
    expect([null, winner.syncLogId]).toContain(loser.syncLogId);
    expect(a.asked.length + b.asked.length).toBe(4);
    expect(await db.supplierSyncLog.count()).toBe(1);
    // The lock is released afterwards.
    expect(await runSupplierSync({ supplierId: sup(), kind: "stock", source: a })).toMatchObject({ status: "success" });
  });
});

describe("full catalog sync against the PhoneX simulator", () => {
  it("adds the offers and products it did not have, updates changed ones and deactivates the missing", async () => {
    const [keep, drift] = world.skus;
    await db.supplierOffer.update({ where: { supplierId_supplierSku: { supplierId: sup(), supplierSku: drift! } }, data: { stock: 1 } });
    await seedProduct(sup(), {
      sku: "PX-DISCONTINUED",
      name: "Old phone",
      brand: "Nokia",
      model: "3310",
      storage: "16MB",
      color: "Blue",
      grade: "B",
      price: 20,
      cost: 10,
      stock: 4,
    });

    const r = await runSupplierSync({ supplierId: sup(), kind: "catalog", trigger: "manual" });
    const fresh = phonexCatalog.length - world.skus.length;
    expect(r).toMatchObject({ status: "success", counts: { seen: phonexCatalog.length, added: fresh, changed: 1, deactivated: 1, failed: 0 } });
    expect(await db.supplierOffer.count({ where: { supplierId: sup() } })).toBe(phonexCatalog.length + 1);
    const d = phonexCatalog.find((i) => i.sku === drift)!;
    expect((await offer(drift!)).stock).toBe(d.quantity);
    expect(await offer(keep!)).toMatchObject({ stock: phonexCatalog.find((i) => i.sku === keep)!.quantity });
    expect(await offer("PX-DISCONTINUED")).toMatchObject({ stock: 0, active: false });
    expect(await db.product.findUniqueOrThrow({ where: { sku: "PX-DISCONTINUED" } })).toMatchObject({ stock: 0, active: false });
    for (const item of phonexCatalog.filter((i) => !world.skus.includes(i.sku))) {
      const p = await db.product.findUniqueOrThrow({ where: { sku: item.sku } });
      expect(p).toMatchObject({ name: item.name, brand: item.brand, model: item.model, grade: item.grade, stock: item.quantity, active: item.quantity > 0 });
      expect(p.price.toFixed(2)).toBe(priceForCost(item.unit_price, { brand: item.brand, category: "phones" }, []));
    }
    const log = await db.supplierSyncLog.findFirstOrThrow({ where: { id: (r as { syncLogId: string }).syncLogId } });
    expect(log).toMatchObject({
      type: "catalog",
      trigger: "manual",
      status: "success",
      phase: "done",
      processed: phonexCatalog.length,
      total: phonexCatalog.length,
    });
    expect(log.durationMs).toBeGreaterThanOrEqual(0);
    expect(log.message).toMatch(new RegExp(`${fresh} new products`));

    // Run again: nothing left to change.
    expect(await runSupplierSync({ supplierId: sup(), kind: "catalog" })).toMatchObject({ counts: { added: 0, changed: 0, deactivated: 0 } });
  });
});
