import { randomUUID } from "node:crypto";
// Shared state and helpers for integration tests (see integration-setup.ts).
import type { startMailCatcher } from "../../dev/mail-catcher/mail-catcher";
import type { PhoneXSimulatorServer } from "../../dev/simulators/phonex/server";
import type { CjSimulatorServer } from "../../dev/simulators/cj/server";
import type { WscSimulatorServer } from "../../dev/simulators/wesellcellular/server";
import { phonexCatalog } from "../../prisma/demo-data/phonex-catalog";
import { db } from "../../lib/db/client";
import { redis } from "../../lib/redis";
import { clearSupplierCache } from "../../lib/suppliers/load-supplier";
import type { AppServer } from "./app-server";
import { seedApiKey, seedCompany, seedProduct, seedSupplier, seedUser } from "../../prisma/factories";
import { clearApiKeyCache } from "../../lib/auth/api-keys";
import { clearSessionCache } from "../../lib/auth/sessions";

export type Harness = {
  mail: Awaited<ReturnType<typeof startMailCatcher>>;
  app: AppServer;
  phonex: PhoneXSimulatorServer;
  cj: CjSimulatorServer;
  wsc: WscSimulatorServer;
};

export const harness = () => (globalThis as unknown as { __harness: Harness }).__harness;

/** Empty every table and this run's Redis db. */
export async function resetState() {
  const tables = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`;
  // The previous test's worker jobs may still be writing: a deadlock with them is retried.
  for (let attempt = 1; ; attempt++) {
    try {
      // The audit log refuses TRUNCATE unless the transaction says it resets a test database.
      await db.$transaction([
        db.$queryRaw`SELECT set_config('portal.audit_reset', 'on', true)`,
        db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} CASCADE`),
      ]);
      break;
    } catch (err) {
      if (attempt >= 5 || !/40P01|deadlock/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
  await wipeRedis();
  clearSupplierCache();
  clearApiKeyCache();
  clearSessionCache();
  harness().mail.clear();
  harness().phonex.sim.reset();
  harness().cj.sim.reset();
  harness().wsc.sim.reset();
}

/**
 * Everything in this run's Redis db goes, as in a restart without persistence,
 * a FLUSHDB or a failover to an empty replica. (Not FLUSHDB itself:
 * scripts/test.sh keeps its claim on this db under portal:test-run:*.)
 * Returns the keys it deleted: a running worker may put a scheduler back within
 * RECOVERY_EVERY_MS, so "it is gone now" is no proof that it went.
 */
export async function wipeRedis(): Promise<string[]> {
  const deleted: string[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "COUNT", 1000);
    cursor = next;
    const mine = keys.filter((k) => !k.startsWith("portal:test-run:"));
    if (mine.length) await redis.del(...mine);
    deleted.push(...mine);
  } while (cursor !== "0");
  return deleted;
}

export const API_KEY = "pk_live_integration_worldtech_000000000";

/** A reseller with an API key, an ops user, the PhoneX supplier and part of its catalog. */
export async function seedWorld(opts: { products?: number; rateLimitPerSec?: number } = {}) {
  const h = harness();
  const company = await seedCompany({ name: "Worldtech Mobile", customerId: "worldtech-1734", contactEmails: ["purchasing@worldtech.test"] });
  const buyer = await seedUser({ email: "buyer@worldtech.test", name: "Maria Lopez", companyId: company.id });
  const ops = await seedUser({ email: "ops@portal.test", name: "Sam Ops", role: "ops" });
  await seedApiKey({ companyId: company.id, userId: buyer.id, plain: API_KEY });
  const supplier = await seedSupplier({
    slug: "phonex",
    name: "PhoneX",
    type: "phonex",
    apiEndpoint: h.phonex.url,
    credentials: { apiKey: process.env.PHONEX_API_KEY! },
    webhookSecret: process.env.PHONEX_WEBHOOK_SECRET!,
    timeoutMs: 5000,
    rateLimitPerSec: opts.rateLimitPerSec ?? 50,
  });
  const items = phonexCatalog.filter((i) => i.quantity >= 20).slice(0, opts.products ?? 6);
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
      stock: i.quantity,
    });
  }
  return { company, buyer, ops, supplier, skus: items.map((i) => i.sku) };
}

export const address = {
  name: "Worldtech Receiving",
  company: "Worldtech Mobile",
  line1: "1200 Commerce Blvd",
  line2: "Dock 4",
  city: "Miami",
  region: "FL",
  postalCode: "33166",
  country: "US",
  phone: "+13055550100",
};

/** Call the app's API as the seeded reseller. */
export async function api(path: string, init: RequestInit & { json?: unknown; key?: string | null } = {}) {
  const headers = new Headers(init.headers);
  if (init.key !== null) headers.set("authorization", `Bearer ${init.key ?? API_KEY}`);
  if (init.json !== undefined) headers.set("content-type", "application/json");
  const res = await fetch(`${harness().app.url}${path}`, {
    ...init,
    headers,
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body: body as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** POST a correctly signed PhoneX webhook (the headers docs/api.md names) to the app; raw string bodies are sent as they are. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function signedPhoneXWebhook(body: unknown, opts: { eventId?: string } = {}): Promise<{ status: number; body: any }> {
  const { signPhoneX } = await import("../../lib/suppliers/phonex/signature");
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(`${harness().app.url}/api/webhooks/phonex`, {
    method: "POST",
    body: raw,
    headers: {
      "content-type": "application/json",
      "x-phonex-event-id": opts.eventId ?? `evt_${randomUUID()}`,
      "x-phonex-timestamp": String(ts),
      "x-phonex-signature": signPhoneX(process.env.PHONEX_WEBHOOK_SECRET!, ts, raw),
    },
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, opts: { timeoutMs?: number; what?: string } = {}): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${opts.what ?? "condition"}${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The CJ and WesellCellular suppliers, pointed at their simulators. */
export async function seedOtherSuppliers() {
  const h = harness();
  const cj = await seedSupplier({
    slug: "cj",
    name: "CJ Dropshipping",
    type: "cj",
    apiEndpoint: h.cj.apiUrl,
    timeoutMs: 5000,
    rateLimitPerSec: 50,
    credentials: { apiKey: process.env.CJ_API_KEY!, openId: process.env.CJ_OPEN_ID! },
  });
  const wsc = await seedSupplier({
    slug: "wesellcellular",
    name: "WesellCellular (direct)",
    type: "wesellcellular",
    apiEndpoint: h.wsc.url,
    timeoutMs: 5000,
    rateLimitPerSec: 50,
    credentials: { email: process.env.WSC_EMAIL!, password: process.env.WSC_PASSWORD! },
  });
  return { cj, wsc };
}
