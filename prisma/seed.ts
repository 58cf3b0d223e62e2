// Demo data: the reseller Worldtech Mobile, an ops user, the three suppliers
// (PhoneX, CJ Dropshipping, WesellCellular direct) pointed at their simulators,
// and a catalog of graded phones built from the simulators' own catalogs.
// Idempotent: running it twice changes nothing.
//
// Catalog and routing:
// - A product is one SKU in our scheme MODEL-STORAGE-GRADE ("IPHONE13-128GB-A").
//   Each supplier that carries it gets an offer on it (supplier SKU, cost, stock).
// - Offer priority (lower wins while in stock; routing breaks ties by cost):
//   PhoneX 1, WesellCellular 2, CJ 3. PhoneX is the account the portal was built
//   around and the one with webhooks and the shortest lead time; WesellCellular
//   ships from the same US stock without webhooks (polled); CJ is the fallback
//   (it ships from CN/US warehouses and is usually the slowest).
// - The reseller price is the preferred supplier's cost plus 12 %, so every
//   product the PhoneX catalog has keeps the price it always had.
// - CJ: only variants whose variantSku follows our scheme become offers
//   (supplier SKU = vid, cost = variantSellPrice, stock = all warehouses);
//   CJ's own SKUs (CJSJ…) are left for the catalog sync to map.
// - WesellCellular: every stock-list item (supplier SKU = itemNumber, our SKU
//   from deriveWscSku).
import { env } from "../lib/env";
import { db } from "../lib/db/client";
import { phonexCatalog } from "./demo-data/phonex-catalog";
import { cjCatalog } from "./demo-data/cj-catalog";
import { wscCatalog } from "./demo-data/wesellcellular-catalog";
import { describeVariant } from "../lib/suppliers/cj/map";
import { deriveWscSku } from "../lib/suppliers/wesellcellular/map";
import { seedApiKey, seedCompany, seedProduct, seedSupplier, seedUser, type ProductSeed } from "./factories";

/** Reseller price: the preferred supplier's cost plus 12 %, rounded up to whole dollars (markup rules refine this later). */
const resellerPrice = (cost: number) => Math.ceil(cost * 1.12);

/** The CJ simulator's default openId (dev/simulators/cj DEFAULT_OPEN_ID): webhooks are signed with it. */
const CJ_DEFAULT_OPEN_ID = "1000000001";

/** Our SKU scheme; a CJ variant SKU that does not follow it is CJ's own. */
const OUR_SKU = /^[A-Z0-9]+-\d+(?:GB|TB)-[ABC]$/;

export const SUPPLIER_PRIORITY = { phonex: 1, wesellcellular: 2, cj: 3 } as const;
type SupplierSlug = keyof typeof SUPPLIER_PRIORITY;

type ProductInfo = Pick<ProductSeed, "sku" | "name" | "brand" | "model" | "storage" | "color" | "grade">;
type Offer = { supplier: SupplierSlug; supplierSku: string; cost: number; stock: number };

/** Every product with its offers, from the three simulator catalogs; pure, so it can be checked on its own. */
export function demoCatalog(): { product: ProductInfo; offers: Offer[] }[] {
  const bySku = new Map<string, { product: ProductInfo; offers: Offer[] }>();
  const add = (product: ProductInfo, offer: Offer) => {
    const entry = bySku.get(product.sku) ?? { product, offers: [] };
    // The preferred supplier's description wins (PhoneX's names are the reference).
    if (entry.offers.every((o) => SUPPLIER_PRIORITY[o.supplier] > SUPPLIER_PRIORITY[offer.supplier])) entry.product = product;
    entry.offers.push(offer);
    bySku.set(product.sku, entry);
  };

  for (const item of phonexCatalog) {
    add(
      { sku: item.sku, name: item.name, brand: item.brand, model: item.model, storage: item.storage, color: item.color, grade: item.grade },
      { supplier: "phonex", supplierSku: item.sku, cost: item.unit_price, stock: item.quantity },
    );
  }
  for (const item of wscCatalog) {
    const sku = deriveWscSku(item);
    add(
      {
        sku,
        name: `${item.model} ${item.storage} Grade ${item.grade}`,
        brand: item.brand,
        model: item.model,
        storage: item.storage,
        color: item.color,
        grade: item.grade,
      },
      { supplier: "wesellcellular", supplierSku: item.itemNumber, cost: item.price, stock: item.quantity },
    );
  }
  for (const product of cjCatalog) {
    for (const v of product.variants) {
      if (!OUR_SKU.test(v.variantSku)) continue;
      const d = describeVariant(
        { vid: v.vid, pid: v.pid, variantSku: v.variantSku, variantNameEn: v.variantNameEn, variantKey: v.variantKey, variantSellPrice: v.variantSellPrice },
        product.productNameEn,
      );
      // describeVariant drops single words; a colour of several ("Phantom Black") is taken out whole.
      const model = d.model.replace(d.color, "").replace(/\s+/g, " ").trim();
      add(
        { sku: v.variantSku, name: `${model} ${d.storage} Grade ${d.grade}`, brand: d.brand, model, storage: d.storage, color: d.color, grade: d.grade },
        { supplier: "cj", supplierSku: v.vid, cost: v.variantSellPrice, stock: v.stock.CN + v.stock.US },
      );
    }
  }
  return [...bySku.values()];
}

export async function seedDemo() {
  const e = env();
  const password = process.env.DEMO_PASSWORD ?? "demo1234";
  const worldtech = await seedCompany({ name: "Worldtech Mobile", customerId: "worldtech-1734", contactEmails: ["purchasing@worldtech.example"] });
  const buyer = await seedUser({
    email: process.env.DEMO_RESELLER_EMAIL ?? "buyer@worldtech.example",
    name: "Maria Lopez",
    role: "reseller",
    companyId: worldtech.id,
    password,
  });
  // The owner above; a viewer who reads the company's orders and cannot place or manage.
  await seedUser({ email: "viewer@worldtech.example", name: "Vic Viewer", role: "reseller", companyId: worldtech.id, companyRole: "viewer", password });
  const other = await seedCompany({ name: "Nordic Phone Traders", customerId: "nordic-2210" });
  await seedUser({ email: "buyer@nordicphones.example", name: "Erik Berg", role: "reseller", companyId: other.id, password });
  await seedUser({ email: process.env.DEMO_OPS_EMAIL ?? "ops@portal.example", name: "Sam Ops", role: "ops", password });
  await seedUser({ email: "admin@portal.example", name: "Alex Admin", role: "admin", password });
  if (e.DEMO_API_KEY) await seedApiKey({ companyId: worldtech.id, userId: buyer.id, name: "Demo key", plain: e.DEMO_API_KEY });

  const suppliers: Record<SupplierSlug, { id: string }> = {
    phonex: await seedSupplier({
      slug: "phonex",
      name: "PhoneX (WesellCellular)",
      type: "phonex",
      apiEndpoint: e.PHONEX_API_URL,
      credentials: { apiKey: e.PHONEX_API_KEY },
      webhookSecret: e.PHONEX_WEBHOOK_SECRET,
      rateLimitPerSec: 10,
    }),
    cj: await seedSupplier({
      slug: "cj",
      name: "CJ Dropshipping",
      type: "cj",
      apiEndpoint: e.CJ_API_URL,
      // openId is the key CJ signs its webhooks with; it must match the simulator's CJ_OPEN_ID.
      credentials: { apiKey: e.CJ_API_KEY, openId: e.CJ_OPEN_ID || CJ_DEFAULT_OPEN_ID },
      rateLimitPerSec: 4,
    }),
    wesellcellular: await seedSupplier({
      slug: "wesellcellular",
      name: "WesellCellular (direct)",
      type: "wesellcellular",
      apiEndpoint: e.WSC_API_URL,
      credentials: { email: e.WSC_EMAIL, password: e.WSC_PASSWORD },
      rateLimitPerSec: 5,
    }),
  };

  const catalog = demoCatalog();
  let offers = 0;
  for (const { product, offers: list } of catalog) {
    const preferred = [...list].sort((a, b) => SUPPLIER_PRIORITY[a.supplier] - SUPPLIER_PRIORITY[b.supplier] || a.cost - b.cost)[0]!;
    const price = resellerPrice(preferred.cost);
    for (const o of list) {
      await seedProduct(suppliers[o.supplier].id, {
        ...product,
        price,
        cost: o.cost,
        stock: o.stock,
        supplierSku: o.supplierSku,
        priority: SUPPLIER_PRIORITY[o.supplier],
      });
      offers++;
    }
  }
  return { companies: 2, users: 4, suppliers: 3, products: catalog.length, offers };
}

// Run directly (npm run db:seed), not when imported by tests.
if (process.argv[1]?.endsWith("seed.ts")) {
  // --if-empty (npm run demo): a database that has been seeded before keeps what ops changed since.
  const ifEmpty = process.argv.includes("--if-empty");
  (ifEmpty ? db.company.count() : Promise.resolve(0))
    .then((companies) => {
      if (companies > 0) {
        console.log("demo data is there already: kept as it is (prices, rules and imports ops changed stay); DEMO_RESEED=1 npm run demo seeds again");
        return db.$disconnect().then(() => process.exit(0));
      }
      return seedDemo();
    })
    .then((r) => {
      if (!r) return;
      console.log(`seeded: ${r.products} products (${r.offers} supplier offers from ${r.suppliers} suppliers), ${r.companies} companies, ${r.users} users`);
      return db.$disconnect();
    })
    .catch(async (err) => {
      console.error(err);
      await db.$disconnect();
      process.exit(1);
    });
}
