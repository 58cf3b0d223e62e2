// Demo data: the reseller Worldtech Mobile, an ops user, the PhoneX supplier
// pointed at the simulator, and its catalog of graded phones. Idempotent:
// running it twice changes nothing.
import { env } from "../lib/env";
import { db } from "../lib/db/client";
import { phonexCatalog } from "../lib/suppliers/phonex/simulator/catalog";
import { seedApiKey, seedCompany, seedProduct, seedSupplier, seedUser } from "../tests/factories";

/** Reseller price: PhoneX cost plus 12 %, ending in .00 (markup rules refine this later). */
const resellerPrice = (cost: number) => Math.ceil(cost * 1.12);

export async function seedDemo() {
  const e = env();
  const password = process.env.DEMO_PASSWORD ?? "demo1234";
  const worldtech = await seedCompany({ name: "Worldtech Mobile", customerId: "worldtech-1734", contactEmails: ["purchasing@worldtech.example"] });
  const buyer = await seedUser({ email: process.env.DEMO_RESELLER_EMAIL ?? "buyer@worldtech.example", name: "Maria Lopez", role: "reseller", companyId: worldtech.id, password });
  const other = await seedCompany({ name: "Nordic Phone Traders", customerId: "nordic-2210" });
  await seedUser({ email: "buyer@nordicphones.example", name: "Erik Berg", role: "reseller", companyId: other.id, password });
  await seedUser({ email: process.env.DEMO_OPS_EMAIL ?? "ops@portal.example", name: "Sam Ops", role: "ops", password });
  await seedUser({ email: "admin@portal.example", name: "Alex Admin", role: "admin", password });
  if (e.DEMO_API_KEY) await seedApiKey({ companyId: worldtech.id, userId: buyer.id, name: "Demo key", plain: e.DEMO_API_KEY });

  const phonex = await seedSupplier({
    slug: "phonex",
    name: "PhoneX (WesellCellular)",
    type: "phonex",
    apiEndpoint: e.PHONEX_API_URL,
    credentials: { apiKey: e.PHONEX_API_KEY },
    webhookSecret: e.PHONEX_WEBHOOK_SECRET,
    rateLimitPerSec: 10,
  });
  for (const item of phonexCatalog) {
    await seedProduct(phonex.id, {
      sku: item.sku, name: item.name, brand: item.brand, model: item.model, storage: item.storage, color: item.color, grade: item.grade,
      cost: item.unit_price, price: resellerPrice(item.unit_price), stock: item.quantity,
    });
  }
  return { companies: 2, users: 4, products: phonexCatalog.length };
}

// Run directly (npm run db:seed), not when imported by tests.
if (process.argv[1]?.endsWith("seed.ts")) {
  seedDemo()
    .then((r) => {
      console.log(`seeded: ${r.products} products, ${r.companies} companies, ${r.users} users`);
      return db.$disconnect();
    })
    .catch(async (err) => {
      console.error(err);
      await db.$disconnect();
      process.exit(1);
    });
}
