// Company accounts: several users with roles (owner, buyer, viewer), invitations by email,
// deactivation, password change and reset, self-service API keys with scopes and rolls, and
// every permission checked on the server, for each route and each kind of caller, with real
// sessions (next-auth JWTs naming a UserSession row), real keys and real email over SMTP.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { SESSION_CACHE_MS } from "../../lib/auth/sessions";
import { API_KEY_CACHE_MS } from "../../lib/auth/api-keys";
import { verifyPassword } from "../../lib/auth/password";
import { signInWait } from "../../lib/account/sign-in-limit";
import { env } from "../../lib/env";
import { seedApiKey, seedCompany, seedUser } from "../../prisma/factories";
import { startWorkers, type RunningWorkers } from "../../workers/start-workers";
import { address, api, harness, resetState, seedWorld, waitFor } from "../helpers/harness";
import { signedIn } from "../helpers/signed-in";

let world: Awaited<ReturnType<typeof seedWorld>>;
let workers: RunningWorkers | null = null;

beforeAll(() => {
  workers = startWorkers({ concurrency: 4 });
});
afterAll(async () => {
  await workers?.close();
});
beforeEach(async () => {
  await resetState();
  world = await seedWorld({ products: 2 });
});

type Caller = Awaited<ReturnType<typeof signedIn>>["call"];
const withKey =
  (key: string): Caller =>
  (path, init = {}) =>
    api(path, { ...init, key });
const anonymous: Caller = (path, init = {}) => api(path, { ...init, key: null });

const order = () => ({ items: [{ sku: world.skus[0], quantity: 1 }], shippingAddress: address });
const post = (json: unknown) => ({ method: "POST", json, headers: { "Idempotency-Key": randomUUID() } });

/** The link in the last email to this address (its text part). */
async function linkMailedTo(email: string, path: "invite" | "reset-password") {
  const m = await waitFor(
    async () =>
      harness()
        .mail.messages()
        .find((x) => x.to.includes(email)),
    { what: `an email to ${email}` },
  );
  const link = new RegExp(`https?://\\S+/${path}/([A-Za-z0-9_-]{43})`).exec(m.text);
  expect(link, m.text).not.toBeNull();
  return { token: link![1]!, message: m };
}

/** Poll until the call answers this status, at most a second past the cache bound. */
async function becomes(call: () => Promise<{ status: number }>, status: number, boundMs: number) {
  const t0 = Date.now();
  for (;;) {
    const s = (await call()).status;
    if (s === status) return Date.now() - t0;
    if (Date.now() - t0 > boundMs + 1000) throw new Error(`still ${s} after ${Date.now() - t0} ms, wanted ${status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("each route × each role", () => {
  it("allows exactly what each caller's role or scopes allow, and 401 without credentials", async () => {
    const owner = await signedIn(world.buyer.id); // the seeded company user is its owner
    const buyer = await seedUser({ email: "b2@worldtech.test", companyId: world.company.id, companyRole: "buyer" });
    const viewer = await seedUser({ email: "v@worldtech.test", companyId: world.company.id, companyRole: "viewer" });
    const catalogKey = await seedApiKey({ companyId: world.company.id, userId: world.buyer.id, name: "catalog only" });
    await db.apiKey.update({ where: { id: catalogKey.id }, data: { scopes: ["catalog:read"] } });
    const callers: Record<string, Caller> = {
      owner: owner.call,
      buyer: (await signedIn(buyer.id)).call,
      viewer: (await signedIn(viewer.id)).call,
      ops: (await signedIn(world.ops.id)).call,
      key: withKey("pk_live_integration_worldtech_000000000"),
      catalogKey: withKey(catalogKey.key),
      anonymous,
    };
    /** A fresh order of the company (placed with its key), so each caller cancels its own. */
    const mine = async () => (await callers.key!("/api/orders", post(order()))).body as { id: string };
    /** A verified PhoneX event as the receiver stores it, with this outcome (flagged when an unknown order). */
    const storedWebhook = (outcome: string) =>
      db.webhookEvent.create({
        data: {
          source: "phonex",
          supplierId: world.supplier.id,
          dedupeKey: `evt_${randomUUID()}`,
          eventType: "order.status_updated",
          verified: true,
          httpStatus: 202,
          headers: {},
          rawBody: JSON.stringify({
            event: "order.status_updated",
            order_id: "PXSTKL9999997",
            supplier_order_id: null,
            status: "accepted",
            updated_at: new Date().toISOString(),
          }),
          reference: "PXSTKL9999997",
          outcome,
          flagged: outcome === "unknown_order",
          processedAt: new Date(),
        },
      });
    const routes: { name: string; run: (c: Caller) => Promise<{ status: number }>; allowed: string[]; okStatus?: number }[] = [
      { name: "GET /api/products", run: (c) => c("/api/products"), allowed: ["owner", "buyer", "viewer", "ops", "key", "catalogKey"] },
      { name: "GET /api/orders", run: (c) => c("/api/orders"), allowed: ["owner", "buyer", "viewer", "ops", "key"] },
      { name: "POST /api/orders", run: (c) => c("/api/orders", post(order())), allowed: ["owner", "buyer", "key"] },
      { name: "GET /api/account", run: (c) => c("/api/account"), allowed: ["owner", "buyer", "viewer", "ops", "key", "catalogKey"] },
      { name: "GET /api/account/users", run: (c) => c("/api/account/users"), allowed: ["owner"] },
      { name: "GET /api/account/api-keys", run: (c) => c("/api/account/api-keys"), allowed: ["owner"] },
      {
        name: "POST /api/account/api-keys",
        run: (c) => c("/api/account/api-keys", post({ name: "ci", scopes: ["orders:read"] })),
        allowed: ["owner"],
      },
      {
        name: "POST /api/account/invitations",
        run: (c) => c("/api/account/invitations", post({ email: `new-${randomUUID().slice(0, 6)}@worldtech.test`, role: "viewer" })),
        allowed: ["owner"],
      },
      { name: "GET /api/orders/{id}", run: async (c) => c(`/api/orders/${(await mine()).id}`), allowed: ["owner", "buyer", "viewer", "ops", "key"] },
      {
        name: "POST /api/orders/{id}/cancel",
        run: async (c) => c(`/api/orders/${(await mine()).id}/cancel`, { method: "POST" }),
        allowed: ["owner", "buyer", "ops", "key"],
      },
      { name: "POST /api/orders/batch", run: (c) => c("/api/orders/batch", post({ orders: [order()] })), allowed: ["owner", "buyer", "key"] },
      { name: "GET /api/account/company", run: (c) => c("/api/account/company"), allowed: ["owner", "buyer", "key"] },
      { name: "PATCH /api/account/company", run: (c) => c("/api/account/company", { method: "PATCH", json: { contactEmails: [] } }), allowed: ["owner"] },
      { name: "GET /api/account/addresses", run: (c) => c("/api/account/addresses"), allowed: ["owner", "buyer", "key"] },
      {
        name: "POST /api/account/addresses",
        run: (c) => c("/api/account/addresses", post({ label: `A ${randomUUID().slice(0, 4)}`, address })),
        allowed: ["owner"],
      },
      {
        name: "PATCH /api/account/users/{id}",
        run: (c) => c(`/api/account/users/${viewer.id}`, { method: "PATCH", json: { role: "viewer" } }),
        allowed: ["owner"],
      },
      { name: "GET /api/account/webhooks", run: (c) => c("/api/account/webhooks"), allowed: ["owner"] },
      { name: "GET /api/ops/orders", run: (c) => c("/api/ops/orders"), allowed: ["ops"] },
      { name: "GET /api/ops/companies", run: (c) => c("/api/ops/companies"), allowed: ["ops"] },
      // Issue 14: the audit log, and ops placing an order for the company.
      { name: "GET /api/ops/audit", run: (c) => c("/api/ops/audit"), allowed: ["ops"] },
      { name: "GET /api/ops/audit.csv", run: (c) => c("/api/ops/audit.csv"), allowed: ["ops"] },
      { name: "POST /api/ops/companies/{id}/orders", run: (c) => c(`/api/ops/companies/${world.company.id}/orders`, post(order())), allowed: ["ops"] },
      { name: "GET /api/ops/companies/{id}/products", run: (c) => c(`/api/ops/companies/${world.company.id}/products`), allowed: ["ops"] },
      { name: "GET /api/ops/offer-rules", run: (c) => c("/api/ops/offer-rules"), allowed: ["ops"] },
      { name: "GET /api/ops/scorecards", run: (c) => c("/api/ops/scorecards?window=24h"), allowed: ["ops"] },
      { name: "GET /api/ops/suppliers/{id}/scorecard", run: (c) => c("/api/ops/suppliers/phonex/scorecard"), allowed: ["ops"] },
      { name: "GET /api/ops/scorecards/settings", run: (c) => c("/api/ops/scorecards/settings"), allowed: ["ops"] },
      {
        name: "PUT /api/ops/scorecards/settings",
        run: (c) => c("/api/ops/scorecards/settings", { method: "PUT", json: { routingMode: "cost" } }),
        allowed: ["ops"],
      },
      { name: "GET /api/ops/exceptions", run: (c) => c("/api/ops/exceptions"), allowed: ["ops"] },
      { name: "GET /api/ops/exceptions/count", run: (c) => c("/api/ops/exceptions/count"), allowed: ["ops"] },
      {
        name: "POST /api/ops/offer-rules",
        run: (c) => c("/api/ops/offer-rules", post({ name: "matrix", brand: "Nobrand", floorPercent: 50 })),
        allowed: ["ops"],
      },
      { name: "GET /api/offers", run: (c) => c("/api/offers"), allowed: ["owner", "buyer", "viewer", "ops", "key"] },
      {
        name: "POST /api/offers",
        run: (c) => c("/api/offers", post({ lines: [{ sku: world.skus[0], quantity: 1, unitPrice: "1.00" }] })),
        allowed: ["owner", "buyer", "key"],
      },
      {
        name: "POST /api/quick-order/review",
        run: (c) => c("/api/quick-order/review", { method: "POST", json: { text: `sku,qty\n${world.skus[0]},1` } }),
        allowed: ["owner", "buyer", "viewer", "key"],
      },
      {
        name: "GET /api/quick-order/template",
        run: (c) => c("/api/quick-order/template"),
        allowed: ["owner", "buyer", "viewer", "ops", "key", "catalogKey"],
      },
      { name: "GET /api/lists", run: (c) => c("/api/lists"), allowed: ["owner", "buyer", "viewer", "key"] },
      {
        name: "POST /api/lists",
        run: (c) => c("/api/lists", post({ name: "Top-up", source: "cart", lines: [{ sku: world.skus[0], quantity: 1 }] })),
        allowed: ["owner", "buyer", "key"],
      },
      {
        name: "GET /api/orders/{id}/reorder",
        run: async (c) => c(`/api/orders/${(await mine()).id}/reorder`),
        allowed: ["owner", "buyer", "viewer", "key"],
      },
      { name: "GET /api/account/notifications", run: (c) => c("/api/account/notifications"), allowed: ["owner", "buyer", "viewer", "ops"] },
      {
        name: "POST /api/account/notifications/read-all",
        run: (c) => c("/api/account/notifications/read-all", { method: "POST" }),
        allowed: ["owner", "buyer", "viewer", "ops"],
      },
      {
        name: "GET /api/account/notification-preferences",
        run: (c) => c("/api/account/notification-preferences"),
        allowed: ["owner", "buyer", "viewer", "ops"],
      },
      {
        name: "POST /api/ops/orders/{id}/notifications/{nid}/resend",
        run: async (c) => {
          const id = (await mine()).id;
          const n = await waitFor(() => db.notification.findFirst({ where: { orderId: id }, select: { id: true } }), { what: "the order's email" });
          return c(`/api/ops/orders/${id}/notifications/${n.id}/resend`, { method: "POST" });
        },
        allowed: ["ops"],
      },
      // Issue 14: the webhook log and the failed work (ops only).
      { name: "GET /api/ops/webhooks", run: (c) => c("/api/ops/webhooks"), allowed: ["ops"] },
      { name: "GET /api/ops/webhooks/{id}", run: async (c) => c(`/api/ops/webhooks/${(await storedWebhook("applied")).id}`), allowed: ["ops"] },
      {
        name: "POST /api/ops/webhooks/{id}/replay",
        run: async (c) => c(`/api/ops/webhooks/${(await storedWebhook("applied")).id}/replay`, post({ waitMs: 0 })),
        allowed: ["ops"],
      },
      { name: "POST /api/ops/webhooks/replay", run: (c) => c("/api/ops/webhooks/replay", post({ outcome: "applied", limit: 1, waitMs: 0 })), allowed: ["ops"] },
      // Allowed callers get past the permission check to the order lookup (no such order: 422).
      {
        name: "POST /api/ops/webhooks/{id}/attach",
        run: async (c) => c(`/api/ops/webhooks/${(await storedWebhook("unknown_order")).id}/attach`, post({ orderId: "PXSTKL9999998", waitMs: 0 })),
        allowed: ["ops"],
        okStatus: 422,
      },
      { name: "GET /api/ops/jobs", run: (c) => c("/api/ops/jobs"), allowed: ["ops"] },
      { name: "POST /api/ops/jobs/retry", run: (c) => c("/api/ops/jobs/retry", post({ ids: [randomUUID()] })), allowed: ["ops"] },
      { name: "POST /api/ops/jobs/discard", run: (c) => c("/api/ops/jobs/discard", post({ ids: [randomUUID()] })), allowed: ["ops"] },
      // Allowed callers get past the permission check to the password check (a wrong current password: 422).
      {
        name: "POST /api/account/password",
        run: (c) => c("/api/account/password", post({ currentPassword: "not-it", newPassword: "whatever-1234" })),
        allowed: ["owner", "buyer", "viewer", "ops"],
        okStatus: 422,
      },
    ];
    const wrong: string[] = [];
    for (const r of routes) {
      for (const [who, call] of Object.entries(callers)) {
        const { status } = await r.run(call);
        const want = r.allowed.includes(who) ? (r.okStatus ? String(r.okStatus) : "2xx") : who === "anonymous" ? "401" : "403";
        const got = status >= 200 && status < 300 ? "2xx" : String(status);
        if (got !== want) wrong.push(`${r.name} as ${who}: ${status}, wanted ${want}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("answers 404 for another company's users, keys, invitations and orders", async () => {
    const owner = await signedIn(world.buyer.id);
    const other = await seedCompany({ name: "Nordic Phones", customerId: "nordic-1" });
    const otherOwner = await seedUser({ email: "owner@nordic.test", companyId: other.id });
    const otherKey = await seedApiKey({ companyId: other.id, userId: otherOwner.id, name: "theirs" });
    const otherSession = await signedIn(otherOwner.id);
    const invite = await otherSession.call("/api/account/invitations", post({ email: "x@nordic.test", role: "buyer" }));
    expect(invite.status).toBe(201);
    const placed = await withKey(otherKey.key)("/api/orders", post(order()));
    expect(placed.status).toBe(201);

    expect((await owner.call(`/api/account/users/${otherOwner.id}`, { method: "PATCH", json: { role: "viewer" } })).status).toBe(404);
    expect((await owner.call(`/api/account/api-keys/${otherKey.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await owner.call(`/api/account/api-keys/${otherKey.id}/roll`, post({}))).status).toBe(404);
    expect((await owner.call(`/api/account/invitations/${invite.body.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await owner.call(`/api/orders/${placed.body.id}`)).status).toBe(404);
    // Nothing of theirs moved.
    expect((await db.user.findUniqueOrThrow({ where: { id: otherOwner.id } })).companyRole).toBe("owner");
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: otherKey.id } })).revokedAt).toBeNull();
  });
});

describe("invitations", () => {
  it("an owner invites by email; the invitee sets a password once, with the invited role", async () => {
    const owner = await signedIn(world.buyer.id);
    const res = await owner.call("/api/account/invitations", post({ email: "New.Buyer@Worldtech.test", role: "buyer" }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: "new.buyer@worldtech.test", role: "buyer", status: "pending" });
    const { token, message } = await linkMailedTo("new.buyer@worldtech.test", "invite");
    expect(message.subject).toContain("Worldtech Mobile");
    // Stored as its hash only, and the sent email's row keeps no copy of the link.
    expect(await db.userToken.count({ where: { tokenHash: token } })).toBe(0);
    const sent = await waitFor(() => db.notification.findFirst({ where: { type: "account_invite", status: "sent" } }), { what: "the invite marked sent" });
    expect(JSON.stringify(sent)).not.toContain(token);
    expect(sent).toMatchObject({ email: "new.buyer@worldtech.test", html: null, props: null });
    expect((await owner.call("/api/account/users")).body.invitations).toHaveLength(1);

    const accepted = await anonymous("/api/invitations/accept", post({ token, name: "Nia Buyer", password: "a-long-passphrase" }));
    expect(accepted.status).toBe(201);
    expect(accepted.body.user).toMatchObject({ email: "new.buyer@worldtech.test", role: "buyer" });
    const user = await db.user.findUniqueOrThrow({ where: { email: "new.buyer@worldtech.test" } });
    expect(user.companyId).toBe(world.company.id);
    expect(await verifyPassword("a-long-passphrase", user.passwordHash)).toBe(true);
    // Single use.
    const again = await anonymous("/api/invitations/accept", post({ token, name: "Someone", password: "another-passphrase" }));
    expect(again.status).toBe(404);
    // The new buyer orders, and cannot manage the company.
    const nia = await signedIn(user.id);
    expect((await nia.call("/api/orders", post(order()))).status).toBe(201);
    expect((await nia.call("/api/account/users")).status).toBe(403);
  });

  it("refuses an expired, withdrawn or tampered link, and an email that already has an account", async () => {
    const owner = await signedIn(world.buyer.id);
    expect((await owner.call("/api/account/invitations", post({ email: world.ops.email, role: "buyer" }))).status).toBe(409);

    await owner.call("/api/account/invitations", post({ email: "late@worldtech.test", role: "viewer" }));
    const late = await linkMailedTo("late@worldtech.test", "invite");
    await db.userToken.updateMany({ where: { email: "late@worldtech.test" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await anonymous("/api/invitations/accept", post({ token: late.token, name: "L", password: "passphrase-1" }))).status).toBe(404);

    const inv = await owner.call("/api/account/invitations", post({ email: "gone@worldtech.test", role: "viewer" }));
    const gone = await linkMailedTo("gone@worldtech.test", "invite");
    expect((await owner.call(`/api/account/invitations/${inv.body.id}`, { method: "DELETE" })).status).toBe(200);
    expect((await anonymous("/api/invitations/accept", post({ token: gone.token, name: "G", password: "passphrase-1" }))).status).toBe(404);

    const tampered = `${gone.token.slice(0, -1)}${gone.token.endsWith("A") ? "B" : "A"}`;
    expect((await anonymous("/api/invitations/accept", post({ token: tampered, name: "T", password: "passphrase-1" }))).status).toBe(404);
    expect(await db.user.count({ where: { email: { in: ["late@worldtech.test", "gone@worldtech.test"] } } })).toBe(0);
  });

  it("names the wrong field and refuses unknown ones", async () => {
    const owner = await signedIn(world.buyer.id);
    const bad = await owner.call("/api/account/invitations", post({ email: "not-an-email", role: "boss", extra: 1 }));
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("validation_failed");
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(expect.arrayContaining(["email", "role"]));
    const unknown = await owner.call("/api/account/invitations", post({ email: "a@worldtech.test", role: "buyer", admin: true }));
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(unknown.body.error)).toContain("admin");
  });
});

describe("roles, the last owner and deactivation", () => {
  it("keeps one active owner, and a deactivated user's sessions end within a second", async () => {
    const owner = await signedIn(world.buyer.id);
    const demote = await owner.call(`/api/account/users/${world.buyer.id}`, { method: "PATCH", json: { role: "buyer" } });
    expect(demote.status).toBe(409);
    const leave = await owner.call(`/api/account/users/${world.buyer.id}`, { method: "PATCH", json: { active: false } });
    expect(leave.status).toBe(409);

    const second = await seedUser({ email: "second@worldtech.test", companyId: world.company.id, companyRole: "buyer" });
    const secondSession = await signedIn(second.id);
    expect((await secondSession.call("/api/account/users")).status).toBe(403);
    const promoted = await owner.call(`/api/account/users/${second.id}`, { method: "PATCH", json: { role: "owner" } });
    expect(promoted.body).toMatchObject({ role: "owner", active: true });
    // The promotion applies to the running session within the cache's bound.
    await becomes(() => secondSession.call("/api/account/users"), 200, SESSION_CACHE_MS);
    // Now the first owner may step down.
    expect((await owner.call(`/api/account/users/${world.buyer.id}`, { method: "PATCH", json: { role: "viewer" } })).status).toBe(200);

    const off = await secondSession.call(`/api/account/users/${world.buyer.id}`, { method: "PATCH", json: { active: false } });
    expect(off.body).toMatchObject({ active: false });
    expect((await owner.call("/api/orders")).status).toBe(401);
    expect(await db.userSession.count({ where: { userId: world.buyer.id, revokedAt: null } })).toBe(0);
  });
});

describe("passwords", () => {
  it("a change ends the user's other sessions and keeps this one", async () => {
    const here = await signedIn(world.buyer.id);
    const elsewhere = await signedIn(world.buyer.id);
    const wrong = await here.call("/api/account/password", post({ currentPassword: "nope", newPassword: "a-new-passphrase" }));
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.fields.currentPassword).toBeTruthy();
    const short = await here.call("/api/account/password", post({ currentPassword: "demo1234", newPassword: "short" }));
    expect(short.body.error.fields.newPassword).toBeTruthy();

    const ok = await here.call("/api/account/password", post({ currentPassword: "demo1234", newPassword: "a-new-passphrase" }));
    expect(ok.body).toMatchObject({ changed: true, otherSessionsEnded: 1 });
    await becomes(() => elsewhere.call("/api/orders"), 401, SESSION_CACHE_MS);
    expect((await here.call("/api/orders")).status).toBe(200);
    const u = await db.user.findUniqueOrThrow({ where: { id: world.buyer.id } });
    expect(await verifyPassword("a-new-passphrase", u.passwordHash)).toBe(true);
    // Not with a key: a leaked key cannot take over the account.
    expect(
      (await withKey("pk_live_integration_worldtech_000000000")("/api/account/password", post({ currentPassword: "x", newPassword: "yyyyyyyy" }))).status,
    ).toBe(403);
  });

  it("a reset by email: same answer for unknown addresses, a single-use link, every session ended", async () => {
    const session = await signedIn(world.buyer.id);
    const unknown = await anonymous("/api/password/forgot", post({ email: "nobody@worldtech.test" }));
    const known = await anonymous("/api/password/forgot", post({ email: world.buyer.email }));
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    const { token } = await linkMailedTo(world.buyer.email, "reset-password");
    expect(
      harness()
        .mail.messages()
        .some((m) => m.to.includes("nobody@worldtech.test")),
    ).toBe(false);

    const done = await anonymous("/api/password/reset", post({ token, password: "reset-passphrase" }));
    expect(done.status).toBe(200);
    await becomes(() => session.call("/api/orders"), 401, SESSION_CACHE_MS);
    expect((await anonymous("/api/password/reset", post({ token, password: "again-passphrase" }))).status).toBe(404);
    const u = await db.user.findUniqueOrThrow({ where: { id: world.buyer.id } });
    expect(await verifyPassword("reset-passphrase", u.passwordHash)).toBe(true);
  });

  it("sign-in attempts are limited per account with Retry-After, the same for an account that does not exist", async () => {
    const limit = env().SIGNIN_LIMIT_PER_ACCOUNT;
    const headers = new Headers({ "x-forwarded-for": `10.9.${Math.floor(Math.random() * 200)}.1` });
    for (const email of [world.buyer.email, "ghost@worldtech.test"]) {
      for (let i = 0; i < limit; i++) expect(await signInWait(email, headers)).toBe(0);
      const res = await anonymous("/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "10.8.0.1" },
        body: new URLSearchParams({ email, password: "whatever", csrfToken: "x", json: "true" }).toString(),
      });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(res.body.error.code).toBe("rate_limited");
      expect(new URL(res.body.url).searchParams.get("error")).toMatch(/^RateLimited:\d+$/);
    }
  });
});

describe("API keys, self-service", () => {
  it("created with scopes and shown once, listed without the key, enforced by scope, revoked within a second", async () => {
    const owner = await signedIn(world.buyer.id);
    const created = await owner.call("/api/account/api-keys", post({ name: "ERP read-only", scopes: ["orders:read", "catalog:read"] }));
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^pk_live_[A-Za-z0-9_-]{43}$/);
    expect(created.body).toMatchObject({
      name: "ERP read-only",
      prefix: created.body.key.slice(0, 12),
      scopes: ["orders:read", "catalog:read"],
      status: "active",
    });
    const list = await owner.call("/api/account/api-keys");
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    expect(list.body.data.find((k: { id: string }) => k.id === created.body.id)).toMatchObject({ createdBy: { email: world.buyer.email }, lastUsedAt: null });

    const key = withKey(created.body.key);
    expect((await key("/api/orders")).status).toBe(200);
    const denied = await key("/api/orders", post(order()));
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain("orders:write");
    // Keys do not manage keys.
    expect((await key("/api/account/api-keys")).status).toBe(403);
    expect((await owner.call("/api/account/api-keys")).body.data.find((k: { id: string }) => k.id === created.body.id).lastUsedAt).not.toBeNull();

    expect((await owner.call(`/api/account/api-keys/${created.body.id}`, { method: "DELETE" })).body.status).toBe("revoked");
    const ms = await becomes(() => key("/api/orders"), 401, API_KEY_CACHE_MS);
    expect(ms).toBeLessThanOrEqual(API_KEY_CACHE_MS + 250);
  });

  it("a roll issues a new key and keeps the old one for the chosen grace period only", async () => {
    const owner = await signedIn(world.buyer.id);
    const first = await owner.call("/api/account/api-keys", post({ name: "shop", scopes: ["orders:write", "orders:read"] }));
    const rolled = await owner.call(`/api/account/api-keys/${first.body.id}/roll`, post({ graceSeconds: 2 }));
    expect(rolled.status).toBe(201);
    expect(rolled.body.key).not.toBe(first.body.key);
    expect(rolled.body).toMatchObject({ name: "shop", scopes: ["orders:write", "orders:read"], rolledFromId: first.body.id });
    expect(rolled.body.replaced.status).toBe("expiring");
    // Both work during the grace period; then only the new one.
    expect((await withKey(first.body.key)("/api/orders")).status).toBe(200);
    expect((await withKey(rolled.body.key)("/api/orders")).status).toBe(200);
    await becomes(() => withKey(first.body.key)("/api/orders"), 401, 2000 + API_KEY_CACHE_MS);
    expect((await withKey(rolled.body.key)("/api/orders")).status).toBe(200);
    // A rolled key is not rolled again; its replacement is.
    expect((await owner.call(`/api/account/api-keys/${first.body.id}/roll`, post({}))).status).toBe(409);
    const now = await owner.call(`/api/account/api-keys/${rolled.body.id}/roll`, post({ graceSeconds: 0 }));
    expect(now.body.replaced.status).toBe("revoked");
    await becomes(() => withKey(rolled.body.key)("/api/orders"), 401, API_KEY_CACHE_MS);
  });

  it("refuses test keys outside the demo and names bad scopes", async () => {
    const owner = await signedIn(world.buyer.id);
    const test = await owner.call("/api/account/api-keys", post({ name: "sandbox", scopes: ["orders:read"], mode: "test" }));
    expect(test.status).toBe(422);
    expect(test.body.error.fields.mode).toBeTruthy();
    const bad = await owner.call("/api/account/api-keys", post({ name: "x", scopes: ["orders:delete"] }));
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields)[0]).toMatch(/^scopes/);
    const none = await owner.call("/api/account/api-keys", post({ name: "x", scopes: [] }));
    expect(none.body.error.fields.scopes).toBeTruthy();
  });
});
