// The supplier admin (issue "Registry and admin") on the real database and
// Redis: secrets encrypted at rest and never returned, write-only credential
// updates, webhook secret rotation, test connection against the PhoneX
// simulator, the circuit breaker made visible, sync intervals that drive the
// BullMQ job schedulers, and a second PhoneX account added without code. HTTP
// calls go through the real route handlers.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Principal } from "../../lib/auth/principal";
import { syncSchedulerId } from "../../lib/catalog/sync/schedule-supplier-syncs";
import { decryptJson, decryptSecret } from "../../lib/crypto/credentials";
import { db } from "../../lib/db/client";
import { getQueue } from "../../lib/queue/connection";
import { QUEUES } from "../../lib/queue/names";
import { createSupplier } from "../../lib/suppliers/admin/create-supplier";
import { testConnection } from "../../lib/suppliers/admin/test-connection";
import { updateSupplier } from "../../lib/suppliers/admin/update-supplier";
import { adapterFor, loadSupplierConfig } from "../../lib/suppliers/load-supplier";
import { signPhoneX } from "../../lib/suppliers/phonex/signature";
import { breaker } from "../../lib/suppliers/resilience/guard";
import { startWorkers, type RunningWorkers } from "../../workers/start-workers";
import { seedProduct, seedUser } from "../../prisma/factories";
import { address, api, harness, resetState, seedWorld, waitFor } from "../helpers/harness";

// Sessions come from next-auth, which needs a Next.js request; here a test
// double answers "who is signed in" for requests that carry a session cookie.
// Everything after it (withApi's role check, the handlers) is the real code.
const session = vi.hoisted(() => ({ principal: null as Principal | null }));
vi.mock("../../lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/auth/session")>()),
  getSessionPrincipal: async () => session.principal,
}));

let world: Awaited<ReturnType<typeof seedWorld>>;
let admin: Principal;
let ops: Principal;
let workers: RunningWorkers | null = null;

beforeEach(async () => {
  await resetState();
  world = await seedWorld();
  harness().phonex.sim.configure({ autoAdvance: false });
  const a = await seedUser({ email: "admin@portal.test", name: "Alex Admin", role: "admin" });
  admin = { kind: "session", userId: a.id, email: a.email, name: a.name, role: "admin", companyId: null };
  ops = { kind: "session", userId: world.ops.id, email: world.ops.email, name: world.ops.name, role: "ops", companyId: null };
});
afterEach(async () => {
  await workers?.close();
  workers = null;
});

/** Call the API signed in as `who` (null: no credentials at all). */
function as(who: Principal | null) {
  return (path: string, init: RequestInit & { json?: unknown } = {}) => {
    session.principal = who;
    const headers = new Headers(init.headers);
    if (who) headers.set("cookie", "next-auth.session-token=integration");
    return api(path, { ...init, headers, key: null });
  };
}

const PX_KEY = () => process.env.PHONEX_API_KEY!;
const newPhoneX = (over: Record<string, unknown> = {}) => ({
  type: "phonex" as const,
  slug: "phonex-eu",
  name: "PhoneX EU",
  apiEndpoint: harness().phonex.url,
  credentials: { apiKey: PX_KEY() },
  webhookSecret: "whsec_eu_0123456789",
  rateLimitPerSec: 20,
  timeoutMs: 5000,
  ...over,
});

async function sendWebhook(slug: string, secretOrSignature: { secret?: string; signature?: string }, body: unknown) {
  const raw = JSON.stringify(body);
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(`${harness().app.url}/api/webhooks/${slug}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-phonex-event-id": `evt_${randomUUID()}`,
      "x-phonex-timestamp": String(ts),
      "x-phonex-signature": secretOrSignature.signature ?? signPhoneX(secretOrSignature.secret!, ts, raw),
    },
    body: raw,
  });
  return res.status;
}
const unknownOrderEvent = () => ({
  event: "order.status_updated",
  order_id: `PXSTKL${Date.now()}`,
  supplier_order_id: null,
  status: "accepted",
  updated_at: new Date().toISOString(),
});

describe("access", () => {
  it("lets ops read, test and reset, only admins change settings, and refuses resellers and strangers", async () => {
    const id = world.supplier.id;
    expect((await as(null)("/api/ops/suppliers")).status).toBe(401);
    for (const [method, path] of [
      ["GET", "/api/ops/suppliers"],
      ["POST", "/api/ops/suppliers"],
      ["GET", `/api/ops/suppliers/${id}`],
      ["PATCH", `/api/ops/suppliers/${id}`],
      ["POST", `/api/ops/suppliers/${id}/test`],
      ["POST", `/api/ops/suppliers/${id}/reset-circuit`],
    ] as const) {
      const r = await api(path, { method, json: method === "GET" ? undefined : {} });
      expect(r.status, `${method} ${path} with a reseller key`).toBe(403);
      expect(r.body.error.code).toBe("forbidden");
    }
    const asOps = as(ops);
    expect((await asOps("/api/ops/suppliers")).status).toBe(200);
    expect((await asOps(`/api/ops/suppliers/${id}`)).status).toBe(200);
    expect((await asOps("/api/ops/suppliers", { method: "POST", json: newPhoneX() })).status).toBe(403);
    expect((await asOps(`/api/ops/suppliers/${id}`, { method: "PATCH", json: { rateLimitPerSec: 7 } })).status).toBe(403);
    expect((await asOps(`/api/ops/suppliers/${id}/reset-circuit`, { method: "POST" })).status).toBe(200);
    expect((await db.supplier.findUniqueOrThrow({ where: { id } })).rateLimitPerSec).toBe(50);
    const patched = await as(admin)(`/api/ops/suppliers/${id}`, { method: "PATCH", json: { rateLimitPerSec: 7 } });
    expect(patched.status).toBe(200);
    expect(patched.body.rateLimitPerSec).toBe(7);
    expect((await as(admin)("/api/ops/suppliers/nope", { method: "GET" })).status).toBe(404);
  });

  it("answers 422 naming each invalid field", async () => {
    const r = await as(admin)("/api/ops/suppliers", {
      method: "POST",
      json: { type: "phonex", slug: "Bad Slug!", name: "", apiEndpoint: "ftp://x", rateLimitPerSec: 0, timeoutMs: 100, credentials: {} },
    });
    expect(r.status).toBe(422);
    expect(Object.keys(r.body.error.fields).sort()).toEqual(["apiEndpoint", "credentials.apiKey", "name", "rateLimitPerSec", "slug", "timeoutMs"]);
    const kind = await as(admin)("/api/ops/suppliers", { method: "POST", json: { ...newPhoneX(), type: "acme" } });
    expect(kind.status).toBe(422);
    expect(kind.body.error.fields).toHaveProperty("type");
    const dup = await as(admin)("/api/ops/suppliers", { method: "POST", json: newPhoneX({ slug: "phonex" }) });
    expect(dup.status).toBe(409);
    const slug = await as(admin)(`/api/ops/suppliers/${world.supplier.id}`, { method: "PATCH", json: { slug: "other" } });
    expect(slug.status).toBe(422);
    expect(slug.body.error.fields).toHaveProperty("slug");
  });
});

describe("secrets", () => {
  it("encrypts credentials at rest and never returns or logs them", async () => {
    const apiKey = `px_live_${randomUUID()}`;
    const whsec = `whsec_${randomUUID()}`;
    const newKey = `px_live_${randomUUID()}`;
    const lines: string[] = [];
    // Every log line written meanwhile, at debug level (held back from the test output).
    const capture = ((chunk: unknown) => (lines.push(String(chunk)), true)) as typeof process.stdout.write;
    const out = vi.spyOn(process.stdout, "write").mockImplementation(capture);
    const err = vi.spyOn(process.stderr, "write").mockImplementation(capture);
    const level = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = "debug";
    const bodies: unknown[] = [];
    try {
      const created = await as(admin)("/api/ops/suppliers", { method: "POST", json: newPhoneX({ credentials: { apiKey }, webhookSecret: whsec }) });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      bodies.push(created.body);
      expect(created.body).toMatchObject({ slug: "phonex-eu", credentialsSet: ["apiKey"], webhookSecretSet: true, webhookSecretCount: 1 });
      expect(created.body.webhookEndpoint).toBe(`${harness().app.url}/api/webhooks/phonex-eu`);

      const row = await db.supplier.findUniqueOrThrow({ where: { slug: "phonex-eu" } });
      expect(row.credentials).not.toContain(apiKey);
      expect(row.webhookSecret).not.toContain(whsec);
      expect(decryptJson(row.credentials!)).toEqual({ apiKey });
      expect(decryptSecret(row.webhookSecret!)).toBe(whsec);

      const id = created.body.id as string;
      bodies.push((await as(ops)("/api/ops/suppliers")).body, (await as(ops)(`/api/ops/suppliers/${id}`)).body);
      const patched = await as(admin)(`/api/ops/suppliers/${id}`, {
        method: "PATCH",
        json: { credentials: { apiKey: newKey }, rotateWebhookSecret: { newSecret: `${whsec}-2`, keepOld: true } },
      });
      expect(patched.status).toBe(200);
      bodies.push(patched.body, (await as(ops)(`/api/ops/suppliers/${id}/test`, { method: "POST" })).body);
      expect(decryptJson((await db.supplier.findUniqueOrThrow({ where: { id } })).credentials!)).toEqual({ apiKey: newKey });
    } finally {
      process.env.LOG_LEVEL = level;
      out.mockRestore();
      err.mockRestore();
    }
    const everything = JSON.stringify(bodies) + lines.join("");
    expect(lines.some((l) => l.includes("supplier updated"))).toBe(true);
    for (const secret of [apiKey, whsec, newKey, `${whsec}-2`, "whsec_integration", PX_KEY()]) expect(everything).not.toContain(secret);
  });

  it("replaces one credential and keeps the others; null removes an optional one", async () => {
    const cj = await createSupplier({
      type: "cj",
      slug: "cj-test",
      name: "CJ",
      apiEndpoint: "http://127.0.0.1:4020/api2.0/v1",
      credentials: { apiKey: "cj-key-1", openId: "open-1", payType: "3", fromCountryCode: "us", qps: "" },
    });
    expect(cj.credentialsSet).toEqual(["apiKey", "fromCountryCode", "openId", "payType"]);
    const stored = async () => decryptJson<Record<string, string>>((await db.supplier.findUniqueOrThrow({ where: { id: cj.id } })).credentials!);
    expect(await stored()).toEqual({ apiKey: "cj-key-1", openId: "open-1", payType: "3", fromCountryCode: "US" });

    await updateSupplier(cj.id, { credentials: { openId: "open-2", apiKey: "" } });
    expect(await stored()).toEqual({ apiKey: "cj-key-1", openId: "open-2", payType: "3", fromCountryCode: "US" });
    const v = await updateSupplier(cj.id, { credentials: { payType: null }, name: "CJ Dropshipping" });
    expect(await stored()).toEqual({ apiKey: "cj-key-1", openId: "open-2", fromCountryCode: "US" });
    expect(v).toMatchObject({ name: "CJ Dropshipping", credentialsSet: ["apiKey", "fromCountryCode", "openId"] });
    // The adapter sees the change at once (the config cache is cleared on write).
    expect((await loadSupplierConfig({ id: cj.id })).credentials.openId).toBe("open-2");

    await expect(updateSupplier(cj.id, { credentials: { apiKey: null } })).rejects.toMatchObject({
      code: "validation_failed",
      extra: { fields: { "credentials.apiKey": expect.any(String) } },
    });
    await expect(updateSupplier(cj.id, { credentials: { password: "x" } })).rejects.toMatchObject({
      code: "validation_failed",
      extra: { fields: { "credentials.password": expect.any(String) } },
    });
    await expect(updateSupplier(cj.id, { credentials: { payType: "9" } })).rejects.toMatchObject({ code: "validation_failed" });
    expect(await stored()).toEqual({ apiKey: "cj-key-1", openId: "open-2", fromCountryCode: "US" });
  });

  it("rotates the webhook secret: old and new both valid, then only the new one once retired", async () => {
    const OLD = process.env.PHONEX_WEBHOOK_SECRET!;
    const NEW = "whsec_rotated_0123456789";
    expect(await sendWebhook("phonex", { secret: OLD }, unknownOrderEvent())).toBe(202);
    expect(await sendWebhook("phonex", { secret: NEW }, unknownOrderEvent())).toBe(401);

    const rotated = await updateSupplier("phonex", { rotateWebhookSecret: { newSecret: NEW, keepOld: true } });
    expect(rotated).toMatchObject({ webhookSecretSet: true, webhookSecretCount: 2 });
    expect((await loadSupplierConfig({ slug: "phonex" })).webhookSecrets).toEqual([NEW, OLD]);
    expect(await sendWebhook("phonex", { secret: OLD }, unknownOrderEvent())).toBe(202);
    expect(await sendWebhook("phonex", { secret: NEW }, unknownOrderEvent())).toBe(202);

    const retired = await as(admin)("/api/ops/suppliers/phonex", { method: "PATCH", json: { retireOldSecrets: true } });
    expect(retired.body).toMatchObject({ webhookSecretCount: 1 });
    expect(decryptSecret((await db.supplier.findUniqueOrThrow({ where: { slug: "phonex" } })).webhookSecret!)).toBe(NEW);
    expect(await sendWebhook("phonex", { secret: OLD }, unknownOrderEvent())).toBe(401);
    expect(await sendWebhook("phonex", { secret: NEW }, unknownOrderEvent())).toBe(202);

    // Without keepOld the old one stops at once; a rotation never piles up more than 3.
    await updateSupplier("phonex", { rotateWebhookSecret: { newSecret: "whsec_third_0123456789", keepOld: false } });
    expect(await sendWebhook("phonex", { secret: NEW }, unknownOrderEvent())).toBe(401);
    await updateSupplier("phonex", { rotateWebhookSecret: { newSecret: "whsec_fourth_0123456789" } });
    await updateSupplier("phonex", { rotateWebhookSecret: { newSecret: "whsec_fifth_0123456789" } });
    await expect(updateSupplier("phonex", { rotateWebhookSecret: { newSecret: "whsec_sixth_0123456789" } })).rejects.toMatchObject({
      code: "validation_failed",
    });
    await expect(updateSupplier("phonex", { rotateWebhookSecret: { newSecret: "has,comma-0123" } })).rejects.toMatchObject({ name: "ZodError" });
  });
});

describe("test connection and the circuit", () => {
  it("reports the first inventory page from the simulator, and records the call", async () => {
    const r = await as(ops)(`/api/ops/suppliers/${world.supplier.id}/test`, { method: "POST" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, detail: expect.stringMatching(/^\d+ items? on the first page/) });
    expect(r.body.ms).toEqual(expect.any(Number));
    const call = await db.supplierCall.findFirstOrThrow({ where: { supplierId: world.supplier.id } });
    expect(call).toMatchObject({ operation: "phonex.listInventory", ok: true });
    const view = (await as(ops)(`/api/ops/suppliers/${world.supplier.id}`)).body;
    expect(view.lastCall).toMatchObject({ ok: true, operation: "phonex.listInventory" });
    expect(view.circuit).toEqual({ state: "closed", failures: 0, retryInMs: 0, retryAt: null });
  });

  it("answers ok:false with a clear message for a dead URL or a wrong key, and never throws", async () => {
    const dead = await createSupplier(newPhoneX({ slug: "phonex-dead", apiEndpoint: "http://127.0.0.1:1" }));
    const r = await testConnection(dead.id);
    expect(r.ok).toBe(false);
    expect(r.detail).toMatch(/phonex\.listInventory: network error/);
    expect(await db.supplierCall.count({ where: { supplierId: dead.id, ok: false } })).toBe(1);

    const wrong = await createSupplier(newPhoneX({ slug: "phonex-wrong-key", credentials: { apiKey: "px_not_the_key" } }));
    const w = await as(ops)(`/api/ops/suppliers/${wrong.id}/test`, { method: "POST" });
    expect(w.status).toBe(200);
    expect(w.body).toMatchObject({ ok: false, detail: expect.stringMatching(/HTTP 401/) });
    expect(JSON.stringify(w.body)).not.toContain("px_not_the_key");
  });

  it("shows an open circuit with its retry time, tests through it, and resets it", async () => {
    const id = world.supplier.id;
    // Failures stamped a minute ahead: the circuit stays open however slow this machine is (cooldown is 1 s in tests).
    const trip = async () => {
      for (let i = 0; i < 5; i++) await breaker().recordFailure(id, Date.now() + 60_000);
    };
    await trip();
    const open = (await as(ops)("/api/ops/suppliers")).body.data.find((s: { slug: string }) => s.slug === "phonex");
    expect(open.circuit.state).toBe("open");
    expect(open.circuit.failures).toBe(5);
    expect(open.circuit.retryInMs).toBeGreaterThan(0);
    expect(Date.parse(open.circuit.retryAt)).toBeGreaterThan(Date.now());

    const reset = await as(ops)(`/api/ops/suppliers/${id}/reset-circuit`, { method: "POST" });
    expect(reset.body.circuit).toEqual({ state: "closed", failures: 0, retryInMs: 0, retryAt: null });

    // A person's test is the probe: an open circuit does not refuse it, and its success closes it.
    await trip();
    expect((await breaker().status(id)).state).toBe("open");
    expect((await testConnection(id)).ok).toBe(true);
    expect((await breaker().status(id)).state).toBe("closed");
  });

  it("counts open supplier orders", async () => {
    const placed = await api("/api/orders", {
      method: "POST",
      headers: { "Idempotency-Key": randomUUID() },
      json: { items: [{ sku: world.skus[0], quantity: 1 }], shippingAddress: address },
    });
    expect(placed.status).toBe(201);
    expect((await as(ops)("/api/ops/suppliers/phonex")).body.openOrders).toBe(1);
  });
});

describe("sync intervals", () => {
  /** The catalog-sync job schedulers of one supplier: key → every (ms). */
  async function schedulersOf(supplierId: string) {
    const keys = new Set([syncSchedulerId(supplierId, "stock"), syncSchedulerId(supplierId, "catalog")]);
    const all = await getQueue(QUEUES.catalogSync).getJobSchedulers(0, -1);
    return Object.fromEntries(all.filter((j) => keys.has(j.key)).map((j) => [j.key, j.every]));
  }

  it("persists changed intervals and the supplier's job schedulers follow them; 0 removes one", async () => {
    const id = world.supplier.id;
    const patch = (json: unknown) => as(admin)(`/api/ops/suppliers/${id}`, { method: "PATCH", json });
    const stored = () => db.supplier.findUniqueOrThrow({ where: { id }, select: { syncStockMinutes: true, syncCatalogMinutes: true } });
    expect(await stored()).toEqual({ syncStockMinutes: 15, syncCatalogMinutes: 60 });
    expect((await as(ops)(`/api/ops/suppliers/${id}`)).body).toMatchObject({ syncStockMinutes: 15, syncCatalogMinutes: 60 });

    const changed = await patch({ syncStockMinutes: 5, syncCatalogMinutes: "90" });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ syncStockMinutes: 5, syncCatalogMinutes: 90 });
    expect(await stored()).toEqual({ syncStockMinutes: 5, syncCatalogMinutes: 90 });
    expect(await schedulersOf(id)).toEqual({ [syncSchedulerId(id, "stock")]: 5 * 60_000, [syncSchedulerId(id, "catalog")]: 90 * 60_000 });

    const off = await patch({ syncCatalogMinutes: 0 });
    expect(off.body).toMatchObject({ syncStockMinutes: 5, syncCatalogMinutes: 0 });
    expect(await schedulersOf(id)).toEqual({ [syncSchedulerId(id, "stock")]: 5 * 60_000 });
    await patch({ syncStockMinutes: 0 });
    expect(await schedulersOf(id)).toEqual({});

    // Whole minutes up to a week; an empty value is not "off". Nothing changes on a refusal.
    const bad = await patch({ syncStockMinutes: 10_081, syncCatalogMinutes: 1.5 });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["syncCatalogMinutes", "syncStockMinutes"]);
    expect((await patch({ syncStockMinutes: "" })).status).toBe(422);
    expect((await as(ops)(`/api/ops/suppliers/${id}`, { method: "PATCH", json: { syncStockMinutes: 30 } })).status).toBe(403);
    expect(await stored()).toEqual({ syncStockMinutes: 0, syncCatalogMinutes: 0 });

    // Reactivation schedules what is on; deactivation removes every scheduler of the supplier.
    await patch({ syncCatalogMinutes: 120 });
    expect(await schedulersOf(id)).toEqual({ [syncSchedulerId(id, "catalog")]: 120 * 60_000 });
    await patch({ active: false });
    expect(await schedulersOf(id)).toEqual({});
    await patch({ active: true });
    expect(await schedulersOf(id)).toEqual({ [syncSchedulerId(id, "catalog")]: 120 * 60_000 });
  });

  it("schedules a new supplier at once, at its intervals or the defaults", async () => {
    const created = await as(admin)("/api/ops/suppliers", { method: "POST", json: newPhoneX({ syncStockMinutes: 30 }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ syncStockMinutes: 30, syncCatalogMinutes: 60 });
    const id = created.body.id as string;
    expect(await schedulersOf(id)).toEqual({ [syncSchedulerId(id, "stock")]: 30 * 60_000, [syncSchedulerId(id, "catalog")]: 60 * 60_000 });
  });
});

describe("a new supplier of a known kind, without code", () => {
  it("a second PhoneX account takes orders and webhooks as soon as it is saved", async () => {
    const created = await as(admin)("/api/ops/suppliers", { method: "POST", json: newPhoneX() });
    expect(created.status).toBe(201);

    const { adapter, config } = await adapterFor({ slug: "phonex-eu" });
    expect(config).toMatchObject({ kind: "phonex", baseUrl: harness().phonex.url, rateLimitPerSec: 20 });
    expect((await adapter.fetchInventory(null)).items.length).toBeGreaterThan(0);

    expect(await sendWebhook("phonex-eu", { secret: "whsec_eu_0123456789" }, unknownOrderEvent())).toBe(202);
    expect(await sendWebhook("phonex-eu", { secret: process.env.PHONEX_WEBHOOK_SECRET! }, unknownOrderEvent())).toBe(401);
    const stored = await db.webhookEvent.findFirstOrThrow({ where: { source: "phonex-eu", verified: true } });
    expect(stored.supplierId).toBe(created.body.id);

    // Route one product to the new account (preferred offer) and watch an order reach it.
    const p = await db.product.findUniqueOrThrow({ where: { sku: world.skus[1] } });
    await seedProduct(created.body.id, {
      sku: p.sku,
      name: p.name,
      brand: p.brand,
      model: p.model,
      storage: p.storage,
      color: p.color,
      grade: p.grade,
      price: p.price.toString(),
      cost: p.price.toString(),
      stock: 10,
      priority: 1,
    });
    workers = startWorkers({ concurrency: 2 });
    const placed = await api("/api/orders", {
      method: "POST",
      headers: { "Idempotency-Key": randomUUID() },
      json: { items: [{ sku: p.sku, quantity: 1 }], shippingAddress: address },
    });
    expect(placed.status).toBe(201);
    const so = await waitFor(
      async () => db.supplierOrder.findFirst({ where: { orderId: placed.body.id, status: "submitted" }, select: { supplierId: true, reference: true } }),
      { what: "submitted to phonex-eu" },
    );
    expect(so.supplierId).toBe(created.body.id);
    expect(harness().phonex.sim.state.orders.has(so.reference)).toBe(true);
  });
});
