// The measurement behind scripts/bench/catalog-sync.ts, in its own process on
// a throwaway database (DATABASE_URL / REDIS_URL set by the parent). The
// engine is the real one (lib/catalog/sync, afterOffersChanged included);
// only the supplier is faked: an in-memory fetchInventory serving pages.
import { db } from "../../lib/db/client";
import { runSupplierSync } from "../../lib/catalog/sync/run-supplier-sync";
import { fakeInventorySource, syntheticItems } from "../../tests/fakes/fake-inventory-source";
import { closeQueues } from "../../lib/queue/connection";
import { redis } from "../../lib/redis";

const N = Number(process.env.BENCH_CATALOG_SKUS ?? 100_000);
const PAGE = Number(process.env.BENCH_CATALOG_PAGE ?? 10_000);

type Row = { label: string; totalMs: number; stageMs: number; applyMs: number; afterMs: number; written: number };

async function sync(label: string, items: ReturnType<typeof syntheticItems>, supplierId: string): Promise<Row> {
  const t0 = performance.now();
  const r = await runSupplierSync({ supplierId, kind: "catalog", trigger: "manual", source: fakeInventorySource(items, { pageSize: PAGE }) });
  const totalMs = performance.now() - t0;
  if (r.status !== "success") throw new Error(`${label}: ${r.status}`);
  const written = r.counts.added + r.counts.changed + r.counts.deactivated;
  return { label, totalMs, ...r.timings, written };
}

/** The baseline: one INSERT … ON CONFLICT DO UPDATE of all rows from unnest, no change detection, no staging. */
async function plainUpsert(items: ReturnType<typeof syntheticItems>, supplierId: string): Promise<number> {
  const t0 = performance.now();
  await db.$executeRaw`
    INSERT INTO "SupplierOffer" ("id", "productId", "supplierId", "supplierSku", "cost", "currency", "stock", "sourceUpdatedAt", "updatedAt")
    SELECT gen_random_uuid()::text, p."id", ${supplierId}, t.sku, t.cost, 'USD', t.qty, now(), now()
      FROM unnest(${items.map((i) => i.supplierSku)}::text[], ${items.map((i) => i.quantity)}::int[], ${items.map((i) => i.unitPrice)}::numeric[]) AS t(sku, qty, cost)
      JOIN "Product" p ON p."sku" = t.sku
    ON CONFLICT ("supplierId", "supplierSku") DO UPDATE SET "stock" = EXCLUDED."stock", "cost" = EXCLUDED."cost",
      "sourceUpdatedAt" = EXCLUDED."sourceUpdatedAt", "updatedAt" = now()`;
  return performance.now() - t0;
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`.padStart(8);
const n = (x: number) => x.toLocaleString("en-US").padStart(9);

async function main() {
  const supplier = await db.supplier.create({
    data: { slug: "bench", name: "Bench supplier", type: "phonex", apiEndpoint: "http://127.0.0.1:9", active: true },
  });
  console.log(`seeding ${N.toLocaleString("en-US")} products and offers through a first catalog sync (all new)…`);
  const rows: Row[] = [];
  rows.push(await sync(`initial load: ${N.toLocaleString("en-US")} new SKUs`, syntheticItems(N), supplier.id));
  await db.$executeRaw`VACUUM ANALYZE "SupplierOffer"`;
  await db.$executeRaw`VACUUM ANALYZE "Product"`;
  rows.push(await sync("100 % changed", syntheticItems(N, { version: 1 }), supplier.id));
  rows.push(await sync("1 % changed", syntheticItems(N, { baseVersion: 1, version: 2, changeEvery: 100 }), supplier.id));
  rows.push(await sync("0 % changed", syntheticItems(N, { baseVersion: 1, version: 2, changeEvery: 100 }), supplier.id));
  await db.$executeRaw`VACUUM ANALYZE "SupplierOffer"`;
  const plain = await plainUpsert(syntheticItems(N, { version: 3 }), supplier.id);

  console.log(
    `\nCatalog sync: ${N.toLocaleString("en-US")} supplier SKUs, pages of ${PAGE.toLocaleString("en-US")}, this machine (${(await import("node:os")).cpus().length} cores)`,
  );
  console.log(
    `  ${"run".padEnd(34)} ${"total".padStart(8)} ${"stage".padStart(8)} ${"apply".padStart(8)} ${"after*".padStart(8)} ${"rows written".padStart(13)}`,
  );
  for (const r of rows) {
    console.log(`  ${r.label.padEnd(34)} ${s(r.totalMs)} ${s(r.stageMs)} ${s(r.applyMs)} ${s(r.afterMs)} ${n(r.written).padStart(13)}`);
  }
  console.log(`  ${"plain bulk upsert, same rows (SQL)".padEnd(34)} ${s(plain)} ${"".padStart(8)} ${"".padStart(8)} ${"".padStart(8)} ${n(N).padStart(13)}`);
  console.log("  stage: fetch pages + INSERT … SELECT FROM unnest into CatalogSyncStage, with checkpoints");
  console.log("  apply: the one transaction (UPDATE … WHERE IS DISTINCT FROM, INSERT new, retire missing)");
  console.log("  after*: afterOffersChanged for the changed products (stock, visibility, alerts, repricing)");
  console.log("  plain bulk upsert: one INSERT … ON CONFLICT DO UPDATE of every row from unnest (no staging, no change detection)");
}

try {
  await main();
} finally {
  await closeQueues();
  await db.$disconnect();
  redis.disconnect();
}
process.exit(0);
