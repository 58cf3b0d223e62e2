// The chaos run's data, through the same factories as the tests (compare
// tests/helpers/harness.ts seedWorld): a reseller with an API key, the PhoneX
// supplier pointed at the simulator, and a few products with stock enough that
// no order is refused for stock. Imported only after index.ts has set the
// environment (lib/db/client reads DATABASE_URL when it loads).
import { db } from "../../lib/db/client";
import type { PhoneXCatalogItem } from "../../prisma/demo-data/phonex-catalog";
import { seedApiKey, seedCompany, seedProduct, seedSupplier, seedUser } from "../../prisma/factories";

export const CHAOS_STOCK = 10_000_000;

export async function seedChaosWorld(opts: {
  apiKey: string;
  phonexUrl: string;
  phonexApiKey: string;
  webhookSecret: string;
  supplierTimeoutMs: number;
  catalog: readonly PhoneXCatalogItem[];
  products: number;
}) {
  const company = await seedCompany({ name: "Chaos Mobile", customerId: "chaos-0001", contactEmails: ["purchasing@chaos.test"] });
  const buyer = await seedUser({ email: "buyer@chaos.test", name: "Chaos Buyer", companyId: company.id });
  await seedUser({ email: "ops@chaos.test", name: "Chaos Ops", role: "ops" });
  await seedApiKey({ companyId: company.id, userId: buyer.id, plain: opts.apiKey });
  const supplier = await seedSupplier({
    slug: "phonex",
    name: "PhoneX",
    type: "phonex",
    apiEndpoint: opts.phonexUrl,
    credentials: { apiKey: opts.phonexApiKey },
    webhookSecret: opts.webhookSecret,
    timeoutMs: opts.supplierTimeoutMs,
    // Well above the order rate: the run measures faults, not the supplier's rate limit.
    rateLimitPerSec: 200,
  });
  const items = opts.catalog.slice(0, opts.products);
  for (const i of items) {
    await seedProduct(supplier.id, {
      sku: i.sku,
      name: i.name,
      brand: i.brand,
      model: i.model,
      storage: i.storage,
      color: i.color,
      grade: i.grade,
      cost: i.unit_price,
      price: Math.ceil(i.unit_price * 1.12),
      stock: CHAOS_STOCK,
    });
  }
  // The chaos process keeps no pool open while it restarts Postgres under everyone.
  await db.$disconnect();
  return { skus: items.map((i) => i.sku), supplierId: supplier.id };
}
