// Company settings and ops' view of companies: owners keep saved shipping addresses (one default)
// that buyers read at checkout, and the contact emails that get order emails; ops and admin list
// companies, change a company's tier (which prices follow) and its users' roles by the owners' rules.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { seedUser } from "../../prisma/factories";
import { address, api, resetState, seedWorld } from "../helpers/harness";
import { signedIn as signInAs } from "../helpers/signed-in";

let world: Awaited<ReturnType<typeof seedWorld>>;
beforeEach(async () => {
  await resetState();
  world = await seedWorld({ products: 1 });
});

const signedIn = async (userId: string) => (await signInAs(userId)).call;
const json = (method: string, body: unknown) => ({ method, json: body });

describe("company settings", () => {
  it("owners save addresses with one default; buyers read them; viewers and keys cannot change them", async () => {
    const owner = await signedIn(world.buyer.id);
    const buyerUser = await seedUser({ email: "b@worldtech.test", companyId: world.company.id, companyRole: "buyer" });
    const viewerUser = await seedUser({ email: "v@worldtech.test", companyId: world.company.id, companyRole: "viewer" });
    const buyer = await signedIn(buyerUser.id);
    const viewer = await signedIn(viewerUser.id);

    const miami = await owner("/api/account/addresses", json("POST", { label: "Miami", address, isDefault: true }));
    expect(miami.status).toBe(201);
    expect(miami.body.address).toMatchObject({ line1: address.line1, country: "US" });
    const dock = await owner("/api/account/addresses", json("POST", { label: "Dock 9", address: { ...address, line2: "Dock 9" }, isDefault: true }));
    expect(dock.body.isDefault).toBe(true);
    // The new default took over.
    const list = await buyer("/api/account/addresses");
    expect(list.status).toBe(200);
    expect(list.body.data.map((a: { label: string; isDefault: boolean }) => [a.label, a.isDefault])).toEqual([
      ["Dock 9", true],
      ["Miami", false],
    ]);
    expect((await viewer("/api/account/addresses")).status).toBe(403);
    expect((await buyer("/api/account/addresses", json("POST", { label: "X", address }))).status).toBe(403);
    expect((await api("/api/account/addresses", json("POST", { label: "X", address }))).status).toBe(403);

    const bad = await owner("/api/account/addresses", json("POST", { label: "", address: { ...address, country: "USA" }, extra: 1 }));
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toMatchObject({ label: expect.any(String), "address.country": expect.any(String), extra: "Unknown field" });

    expect((await owner(`/api/account/addresses/${miami.body.id}`, { method: "DELETE" })).status).toBe(200);
    expect((await owner(`/api/account/addresses/${miami.body.id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("owners set the contact emails that get the company's order emails", async () => {
    const owner = await signedIn(world.buyer.id);
    const res = await owner("/api/account/company", json("PATCH", { contactEmails: ["Orders@Worldtech.test", "orders@worldtech.test", "ap@worldtech.test"] }));
    expect(res.status).toBe(200);
    expect(res.body.contactEmails).toEqual(["orders@worldtech.test", "ap@worldtech.test"]);
    const placed = await api("/api/orders", {
      method: "POST",
      headers: { "Idempotency-Key": randomUUID() },
      json: { items: [{ sku: world.skus[0], quantity: 1 }], shippingAddress: address },
    });
    expect(placed.status).toBe(201);
    const to = (await db.notification.findMany({ where: { orderId: placed.body.id }, select: { email: true } })).map((n) => n.email).sort();
    expect(to).toEqual(["ap@worldtech.test", "buyer@worldtech.test", "orders@worldtech.test"]);
    const wrong = await owner("/api/account/company", json("PATCH", { contactEmails: ["nope"] }));
    expect(wrong.status).toBe(422);
    expect(Object.keys(wrong.body.error.fields)[0]).toMatch(/^contactEmails/);
  });
});

describe("/api/ops/companies", () => {
  it("ops list companies, change a tier (prices follow) and a user's role, keeping the last owner; resellers get 403", async () => {
    const ops = await signedIn(world.ops.id);
    const owner = await signedIn(world.buyer.id);
    expect((await owner("/api/ops/companies")).status).toBe(403);
    const list = await ops("/api/ops/companies?q=worldtech");
    expect(list.body.data).toEqual([expect.objectContaining({ name: "Worldtech Mobile", tier: "standard", users: 1 })]);

    await db.markupRule.create({ data: { name: "Gold", scope: "tier", scopeValue: "gold", kind: "percent", value: 1, priority: 1 } });
    // Tier prices start from the cost the product's price was computed from.
    await db.product.updateMany({ data: { priceCost: 100 } });
    const before = (await api("/api/products")).body.data[0].price;
    const tiered = await ops(`/api/ops/companies/${world.company.id}`, json("PATCH", { tier: "gold" }));
    expect(tiered.status).toBe(200);
    expect(tiered.body).toMatchObject({ tier: "gold", knownTiers: expect.arrayContaining(["gold", "standard"]) });
    expect(before).not.toBe("101.00");
    expect((await api("/api/products")).body.data[0].price).toBe("101.00");
    expect((await ops(`/api/ops/companies/${world.company.id}`, json("PATCH", { tier: "Not A Tier" }))).status).toBe(422);

    // A product whose price has no recorded cost: the tier price starts from the routed offer's
    // cost, and the catalog shows what an order of it is charged.
    await db.product.updateMany({ data: { priceCost: null } });
    const shown = (await api(`/api/products?q=${world.skus[0]}`)).body.data.find((p: { sku: string }) => p.sku === world.skus[0]).price;
    const cost = (await db.supplierOffer.findFirstOrThrow({ where: { product: { sku: world.skus[0] } } })).cost;
    expect(shown).toBe((Number(cost) * 1.01).toFixed(2));
    const charged = await api("/api/orders", {
      method: "POST",
      headers: { "Idempotency-Key": randomUUID() },
      json: { items: [{ sku: world.skus[0], quantity: 1 }], shippingAddress: address },
    });
    expect(charged.status).toBe(201);
    expect(charged.body.items[0].unitPrice).toBe(shown);

    const last = await ops(`/api/ops/companies/${world.company.id}/users/${world.buyer.id}`, json("PATCH", { role: "viewer" }));
    expect(last.status).toBe(409);
    const other = await seedUser({ email: "second@worldtech.test", companyId: world.company.id, companyRole: "buyer" });
    const promoted = await ops(`/api/ops/companies/${world.company.id}/users/${other.id}`, json("PATCH", { role: "owner" }));
    expect(promoted.body).toMatchObject({ role: "owner" });
    // A user of another company is not reachable through this company's path.
    const nordic = await db.company.create({ data: { name: "Nordic", customerId: "nordic-9" } });
    expect((await ops(`/api/ops/companies/${nordic.id}/users/${other.id}`, json("PATCH", { role: "viewer" }))).status).toBe(404);
  });
});
