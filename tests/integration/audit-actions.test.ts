// The audit log (issue 14 point 5): every staff and owner action that changes something writes
// one entry with who, what, before and after, through the real routes (sessions, not shortcuts).
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { seedUser } from "../../prisma/factories";
import { address, api, resetState, seedWorld, waitFor } from "../helpers/harness";
import { signedIn } from "../helpers/signed-in";

type Call = Awaited<ReturnType<typeof signedIn>>["call"];
let world: Awaited<ReturnType<typeof seedWorld>>;
let ops: Call;
let owner: Call;
let admin: { id: string; email: string };
let asAdmin: Call;

beforeEach(async () => {
  await resetState();
  world = await seedWorld({ products: 2 });
  ops = (await signedIn(world.ops.id)).call;
  owner = (await signedIn(world.buyer.id)).call; // the seeded company user is its owner
  admin = await seedUser({ email: "admin@portal.test", name: "Ada Admin", role: "admin" });
  asAdmin = (await signedIn(admin.id)).call;
});

/** The one entry with this action (fails if there are none or several). */
async function only(action: string) {
  const rows = await db.auditEntry.findMany({ where: { action } });
  expect(
    rows.map((r) => r.action),
    `entries for ${action}`,
  ).toEqual([action]);
  return rows[0]!;
}
const byOps = () => ({ actorUserId: world.ops.id, actorEmail: "ops@portal.test", actorRole: "ops" });
const byOwner = () => ({ actorUserId: world.buyer.id, actorEmail: "buyer@worldtech.test", actorRole: "owner", companyId: world.company.id });
const placed = async () => {
  const r = await api("/api/orders", {
    method: "POST",
    headers: { "Idempotency-Key": randomUUID() },
    json: { items: [{ sku: world.skus[0], quantity: 1 }], shippingAddress: address },
  });
  expect(r.status).toBe(201);
  return r.body as { id: string; number: string };
};
const ok = <R extends { status: number; body: unknown }>(r: R): R => {
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  return r;
};

describe("suppliers", () => {
  it("settings changed: before and after of the fields that changed", async () => {
    ok(await asAdmin(`/api/ops/suppliers/phonex`, { method: "PATCH", json: { name: "PhoneX US", timeoutMs: 7000, rateLimitPerSec: 50 } }));
    const e = await only("supplier.updated");
    expect(e).toMatchObject({
      actorUserId: admin.id,
      actorEmail: "admin@portal.test",
      actorRole: "admin",
      entityType: "supplier",
      entityId: world.supplier.id,
    });
    // rateLimitPerSec was 50 already: not a change.
    expect(e.before).toEqual({ name: "PhoneX", timeoutMs: 5000 });
    expect(e.after).toEqual({ name: "PhoneX US", timeoutMs: 7000 });
    expect(await db.auditEntry.count({ where: { action: "supplier.credentials_rotated" } })).toBe(0);
  });

  it("credentials and the webhook secret rotated: which ones, never a value", async () => {
    const oldKey = process.env.PHONEX_API_KEY!;
    const newKey = "px-live-rotated-key-000111222";
    const newSecret = "whsec_rotated_0123456789abcdef";
    ok(
      await asAdmin(`/api/ops/suppliers/phonex`, {
        method: "PATCH",
        json: { credentials: { apiKey: newKey }, rotateWebhookSecret: { newSecret, keepOld: true } },
      }),
    );
    const e = await only("supplier.credentials_rotated");
    expect(e).toMatchObject({ actorEmail: "admin@portal.test", entityType: "supplier", entityId: world.supplier.id, before: null });
    expect(e.after).toEqual({ replaced: ["apiKey"], removed: [], webhook: "new signing secret, older ones still valid" });
    const all = JSON.stringify(await db.auditEntry.findMany());
    for (const secret of [oldKey, newKey, newSecret, process.env.PHONEX_WEBHOOK_SECRET!]) expect(all).not.toContain(secret);
    expect(await db.auditEntry.count({ where: { action: "supplier.updated" } })).toBe(0);
  });

  it("a supplier created (its settings, the credential fields given, no values) and a circuit reset", async () => {
    const created = ok(
      await asAdmin("/api/ops/suppliers", {
        method: "POST",
        json: {
          type: "cj",
          slug: "cj-audit",
          name: "CJ",
          apiEndpoint: "http://127.0.0.1:4020/api2.0/v1",
          credentials: { apiKey: "cj-secret-key-42", openId: "open-1", payType: "3", fromCountryCode: "us" },
        },
      }),
    ).body as { id: string };
    const e = await only("supplier.created");
    expect(e).toMatchObject({ actorRole: "admin", entityType: "supplier", entityId: created.id });
    expect(e.after).toMatchObject({ slug: "cj-audit", name: "CJ", type: "cj", hasWebhookSecret: false });
    expect((e.after as { loginFieldsGiven: string[] }).loginFieldsGiven.sort()).toEqual(["apiKey", "fromCountryCode", "openId", "payType"]);
    expect(JSON.stringify(e)).not.toContain("cj-secret-key-42");

    ok(await ops(`/api/ops/suppliers/phonex/reset-circuit`, { method: "POST" }));
    expect(await only("supplier.circuit_reset")).toMatchObject({ ...byOps(), entityType: "supplier", entityId: world.supplier.id });
  });

  it("a refused change (not an admin) leaves no entry", async () => {
    expect((await ops(`/api/ops/suppliers/phonex`, { method: "PATCH", json: { name: "Nope" } })).status).toBe(403);
    expect(await db.auditEntry.count()).toBe(0);
  });
});

describe("pricing and offers", () => {
  it("markup rules created, updated and deleted", async () => {
    const rule = ok(
      await ops("/api/ops/pricing/rules", { method: "POST", json: { name: "Apple +10", scope: "brand", scopeValue: "Apple", kind: "percent", value: 10 } }),
    ).body.rule as { id: string };
    const created = await only("markup_rule.created");
    expect(created).toMatchObject({ ...byOps(), entityType: "markup_rule", entityId: rule.id, before: null });
    expect(created.after).toMatchObject({ name: "Apple +10", scope: "brand", scopeValue: "Apple", kind: "percent", value: 10 });

    ok(
      await ops(`/api/ops/pricing/rules/${rule.id}`, {
        method: "PATCH",
        json: { name: "Apple +12", scope: "brand", scopeValue: "Apple", kind: "percent", value: 12 },
      }),
    );
    const updated = await only("markup_rule.updated");
    expect(updated.before).toMatchObject({ name: "Apple +10", value: 10 });
    expect(updated.after).toMatchObject({ name: "Apple +12", value: 12 });

    ok(await ops(`/api/ops/pricing/rules/${rule.id}`, { method: "DELETE" }));
    const deleted = await only("markup_rule.deleted");
    expect(deleted).toMatchObject({ entityId: rule.id, after: null });
    expect(deleted.before).toMatchObject({ name: "Apple +12", value: 12 });
  });

  it("price changes approved and rejected", async () => {
    const [p1, p2] = await db.product.findMany({ where: { sku: { in: world.skus } }, orderBy: { sku: "asc" } });
    const change = (p: typeof p1) =>
      db.priceChange.create({ data: { productId: p!.id, oldPrice: p!.price, newPrice: "999.00", newCost: "900.00", reason: "cost moved", pendingFor: p!.id } });
    const [c1, c2] = [await change(p1), await change(p2)];
    ok(await ops(`/api/ops/pricing/changes/${c1.id}/approve`, { method: "POST" }));
    ok(await ops(`/api/ops/pricing/changes/${c2.id}/reject`, { method: "POST" }));
    const approved = await only("price_change.approved");
    expect(approved).toMatchObject({ ...byOps(), entityType: "price_change", entityId: c1.id });
    expect(approved.before).toEqual({ status: "pending", sku: p1!.sku, price: p1!.price.toString() });
    expect(approved.after).toEqual({ status: "approved", sku: p1!.sku, price: "999", proposed: "999" });
    const rejected = await only("price_change.rejected");
    expect(rejected.after).toEqual({ status: "rejected", sku: p2!.sku, price: p2!.price.toString(), proposed: "999" });
  });

  it("offer terms of a product and offer rules", async () => {
    const sku = world.skus[0]!;
    ok(await ops(`/api/ops/products/${sku}/offer-terms`, { method: "PATCH", json: { floor: "100.00", autoAccept: "120.00" } }));
    ok(await ops(`/api/ops/products/${sku}/offer-terms`, { method: "PATCH", json: { autoAccept: null } }));
    const terms = await db.auditEntry.findMany({ where: { action: "offer_terms.updated" }, orderBy: { at: "asc" } });
    expect(terms).toHaveLength(2);
    expect(terms[0]).toMatchObject({
      ...byOps(),
      entityType: "product",
      entityId: sku,
      before: null,
      after: { floor: "100.00", autoAccept: "120.00", expiryHours: null },
    });
    expect(terms[1]).toMatchObject({ before: { floor: "100.00", autoAccept: "120.00" }, after: { floor: "100.00", autoAccept: null } });

    const rule = ok(await ops("/api/ops/offer-rules", { method: "POST", json: { name: "Grade B", grade: "B", floorPercent: 80 } })).body as { id: string };
    expect(await only("offer_rule.created")).toMatchObject({
      entityType: "offer_rule",
      entityId: rule.id,
      after: { name: "Grade B", grade: "B", floorPercent: 80 },
    });
    ok(await ops(`/api/ops/offer-rules/${rule.id}`, { method: "PATCH", json: { floorPercent: 85 } }));
    expect(await only("offer_rule.updated")).toMatchObject({ before: { floorPercent: 80 }, after: { floorPercent: 85 } });
    ok(await ops(`/api/ops/offer-rules/${rule.id}`, { method: "DELETE" }));
    expect(await only("offer_rule.deleted")).toMatchObject({ entityId: rule.id, before: { name: "Grade B", floorPercent: 85 }, after: null });
  });

  it("a product taken off sale and back", async () => {
    const sku = world.skus[0]!;
    ok(await ops(`/api/ops/products/${sku}`, { method: "PATCH", json: { disabled: true } }));
    expect(await only("product.disabled")).toMatchObject({
      ...byOps(),
      entityType: "product",
      entityId: sku,
      before: { disabled: false, active: true },
      after: { disabled: true, active: false },
    });
    ok(await ops(`/api/ops/products/${sku}`, { method: "PATCH", json: { disabled: false } }));
    expect(await only("product.enabled")).toMatchObject({ before: { disabled: true, active: false }, after: { disabled: false, active: true } });
  });
});

describe("orders", () => {
  it("a failed order retried by ops", async () => {
    const o = await placed();
    await db.supplierOrder.updateMany({ where: { orderId: o.id }, data: { status: "failed", lastError: "boom" } });
    await db.order.update({ where: { id: o.id }, data: { status: "failed" } });
    ok(await ops(`/api/ops/orders/${o.id}/retry`, { method: "POST" }));
    const e = await only("order.retried");
    expect(e).toMatchObject({ ...byOps(), entityType: "order", entityId: o.id, companyId: world.company.id });
    expect(e.before).toEqual({ number: o.number, status: "failed", failedSupplierOrders: 1 });
    expect(e.after).toEqual({ number: o.number, status: "pending" });
  });

  it("cancels requested by the owner and by ops", async () => {
    const a = await placed();
    const b = await placed();
    ok(await owner(`/api/orders/${a.id}/cancel`, { method: "POST" }));
    ok(await ops(`/api/orders/${b.id}/cancel`, { method: "POST" }));
    const rows = await db.auditEntry.findMany({ where: { action: "order.canceled" }, orderBy: { at: "asc" } });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ ...byOwner(), entityType: "order", entityId: a.id, before: { number: a.number, status: "pending" } });
    expect(rows[0]!.after).toMatchObject({ cancelRequested: 1 });
    expect(rows[1]).toMatchObject({ ...byOps(), entityId: b.id, companyId: world.company.id });
  });

  it("an email resent by ops", async () => {
    const o = await placed();
    const n = await waitFor(() => db.notification.findFirst({ where: { orderId: o.id }, select: { id: true, email: true, type: true } }), {
      what: "the order's email",
    });
    ok(await ops(`/api/ops/orders/${o.id}/notifications/${n.id}/resend`, { method: "POST" }));
    const e = await only("notification.resent");
    expect(e).toMatchObject({ ...byOps(), entityType: "order", entityId: o.id, companyId: world.company.id });
    expect(e.after).toMatchObject({ number: o.number, type: n.type, email: n.email, resendOf: n.id });
  });
});

describe("users, keys and company settings", () => {
  it("a user's role changed by the owner, and deactivated by ops", async () => {
    const u = await seedUser({ email: "clerk@worldtech.test", companyId: world.company.id, companyRole: "viewer" });
    ok(await owner(`/api/account/users/${u.id}`, { method: "PATCH", json: { role: "buyer" } }));
    expect(await only("user.role_changed")).toMatchObject({
      ...byOwner(),
      entityType: "user",
      entityId: u.id,
      before: { email: "clerk@worldtech.test", role: "viewer", active: true },
      after: { email: "clerk@worldtech.test", role: "buyer", active: true },
    });
    ok(await ops(`/api/ops/companies/${world.company.id}/users/${u.id}`, { method: "PATCH", json: { active: false } }));
    expect(await only("user.deactivated")).toMatchObject({ ...byOps(), companyId: world.company.id, before: { active: true }, after: { active: false } });
  });

  it("invitations sent and revoked", async () => {
    const inv = ok(await owner("/api/account/invitations", { method: "POST", json: { email: "new@worldtech.test", role: "buyer" } })).body as { id: string };
    expect(await only("user.invited")).toMatchObject({
      ...byOwner(),
      entityType: "invitation",
      entityId: inv.id,
      after: { email: "new@worldtech.test", role: "buyer" },
    });
    ok(await owner(`/api/account/invitations/${inv.id}`, { method: "DELETE" }));
    expect(await only("user.invitation_revoked")).toMatchObject({ entityId: inv.id, before: { status: "pending" }, after: { status: "revoked" } });
    expect(JSON.stringify(await db.auditEntry.findMany())).not.toMatch(/\/invite\//);
  });

  it("API keys created, rolled and revoked: the prefix, never the key", async () => {
    const created = ok(await owner("/api/account/api-keys", { method: "POST", json: { name: "ERP", scopes: ["orders:read"] } })).body as {
      id: string;
      key: string;
      prefix: string;
    };
    expect(await only("api_key.created")).toMatchObject({
      ...byOwner(),
      entityType: "api_key",
      entityId: created.id,
      after: { name: "ERP", prefix: created.prefix, scopes: ["orders:read"], mode: "live" },
    });
    const rolled = ok(await owner(`/api/account/api-keys/${created.id}/roll`, { method: "POST", json: { graceSeconds: 0 } })).body as {
      id: string;
      key: string;
      prefix: string;
    };
    const roll = await only("api_key.rolled");
    expect(roll).toMatchObject({
      entityId: created.id,
      before: { status: "active" },
      after: { status: "revoked", replacedBy: { id: rolled.id, prefix: rolled.prefix } },
    });
    ok(await owner(`/api/account/api-keys/${rolled.id}`, { method: "DELETE" }));
    expect(await only("api_key.revoked")).toMatchObject({ entityId: rolled.id, before: { status: "active" }, after: { status: "revoked" } });
    const all = JSON.stringify(await db.auditEntry.findMany());
    for (const k of [created.key, rolled.key]) expect(all).not.toContain(k);
  });

  it("company settings by the owner (contacts, addresses) and by ops (tier)", async () => {
    ok(await owner("/api/account/company", { method: "PATCH", json: { contactEmails: ["ap@worldtech.test"] } }));
    expect(await only("company.settings_updated")).toMatchObject({
      ...byOwner(),
      entityType: "company",
      entityId: world.company.id,
      before: { contactEmails: ["purchasing@worldtech.test"] },
      after: { contactEmails: ["ap@worldtech.test"] },
    });
    const a = ok(await owner("/api/account/addresses", { method: "POST", json: { label: "Dock", address } })).body as { id: string };
    expect(await only("company.address_created")).toMatchObject({ entityId: a.id, after: { label: "Dock", isDefault: false } });
    ok(await owner(`/api/account/addresses/${a.id}`, { method: "PATCH", json: { label: "Dock 5" } }));
    expect(await only("company.address_updated")).toMatchObject({ before: { label: "Dock" }, after: { label: "Dock 5" } });
    ok(await owner(`/api/account/addresses/${a.id}`, { method: "DELETE" }));
    expect(await only("company.address_deleted")).toMatchObject({ before: { label: "Dock 5" }, after: null });

    ok(await ops(`/api/ops/companies/${world.company.id}`, { method: "PATCH", json: { tier: "gold" } }));
    expect(await only("company.updated")).toMatchObject({
      ...byOps(),
      entityId: world.company.id,
      companyId: world.company.id,
      before: { tier: "standard" },
      after: { tier: "gold" },
    });
  });

  it("outbound webhook endpoints: created, changed, secret rotated (no value), deliveries resent, deleted", async () => {
    const ep = ok(await owner("/api/account/webhooks", { method: "POST", json: { url: "http://127.0.0.1:9/hooks", events: ["order.created"] } })).body as {
      id: string;
      secret: string;
    };
    expect(await only("webhook_endpoint.created")).toMatchObject({
      ...byOwner(),
      entityType: "webhook_endpoint",
      entityId: ep.id,
      after: { url: "http://127.0.0.1:9/hooks", events: ["order.created"], enabled: true },
    });
    ok(await owner(`/api/account/webhooks/${ep.id}`, { method: "PATCH", json: { enabled: false } }));
    expect(await only("webhook_endpoint.updated")).toMatchObject({ before: { enabled: true }, after: { enabled: false } });
    const rotated = ok(await owner(`/api/account/webhooks/${ep.id}/rotate-secret`, { method: "POST", json: { overlapSeconds: 60 } })).body as {
      secret: string;
    };
    expect(await only("webhook_endpoint.secret_rotated")).toMatchObject({ entityId: ep.id, after: { previousValidForSeconds: 60 } });
    ok(await owner(`/api/account/webhooks/${ep.id}/recover`, { method: "POST", json: { since: "2026-01-01T00:00:00Z" } }));
    expect(await only("webhook_delivery.recovered")).toMatchObject({ entityId: ep.id, after: { since: "2026-01-01T00:00:00Z", requeued: 0 } });
    ok(await owner(`/api/account/webhooks/${ep.id}`, { method: "DELETE" }));
    expect(await only("webhook_endpoint.deleted")).toMatchObject({ entityId: ep.id, before: { url: "http://127.0.0.1:9/hooks" } });
    const all = JSON.stringify(await db.auditEntry.findMany());
    for (const s of [ep.secret, rotated.secret]) expect(all).not.toContain(s);
  });
});
