// Saved lists and "Order again" (issue 13 point 4): a company's lists are shared by its users
// (owners and buyers change them, viewers read them, another company gets 404, staff 403); each
// line is shown with its price and availability now. Reordering a past order shows the price then
// and now and what is available now, after a price rise and a stock drop.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { reorderView, savedList, savedListsPage } from "../../lib/openapi/quick-order-and-lists";
import { seedApiKey, seedCompany, seedUser } from "../../prisma/factories";
import { address, api, resetState, seedWorld } from "../helpers/harness";
import { signedIn } from "../helpers/signed-in";

let world: Awaited<ReturnType<typeof seedWorld>>;
beforeEach(async () => {
  await resetState();
  world = await seedWorld({ products: 3 });
});

const post = (json: unknown) => ({ method: "POST", json });

describe("saved lists", () => {
  it("are the company's: made by one user, seen, changed and deleted by another; read-only for a viewer; 404 for another company; 403 for staff", async () => {
    const owner = await signedIn(world.buyer.id);
    const buyer = await signedIn((await seedUser({ email: "b2@worldtech.test", name: "Ben Buyer", companyId: world.company.id, companyRole: "buyer" })).id);
    const viewer = await signedIn((await seedUser({ email: "v@worldtech.test", companyId: world.company.id, companyRole: "viewer" })).id);
    const [a, b] = world.skus;

    const made = await owner.call(
      "/api/lists",
      post({
        name: "Weekly top-up",
        source: "cart",
        lines: [
          { sku: a!.toLowerCase(), quantity: 3, maxUnitPrice: "$1,000.00" },
          { sku: "GONE-SKU", quantity: 1, note: "ask" },
        ],
      }),
    );
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: "Weekly top-up", source: "cart", createdBy: { name: "Maria Lopez" } });
    expect(made.body.lines[0]).toMatchObject({ sku: a, quantity: 3, maxUnitPrice: "1000.00", status: "available", available: 3, product: { sku: a } });
    expect(made.body.lines[1]).toMatchObject({ sku: "GONE-SKU", status: "not_sold", product: null, available: 0, note: "ask" });
    expect(made.body.orderable).toMatchObject({ lines: 1, units: 3 });
    savedList.parse(made.body); // as the OpenAPI document says
    expect(JSON.stringify(made.body)).not.toMatch(/supplier|cost/i);

    // Shared: the buyer sees it and changes it; the viewer reads it but may not change it.
    const listed = await buyer.call("/api/lists");
    savedListsPage.parse(listed.body);
    expect(listed.body.data).toEqual([expect.objectContaining({ id: made.body.id, lineCount: 2, units: 4, createdBy: { name: "Maria Lopez" } })]);
    const renamed = await buyer.call(`/api/lists/${made.body.id}`, { method: "PATCH", json: { name: "Monday top-up", lines: [{ sku: b, quantity: 2 }] } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "Monday top-up", lines: [{ sku: b, quantity: 2, status: "available" }] });
    expect((await viewer.call(`/api/lists/${made.body.id}`)).body.name).toBe("Monday top-up");
    expect((await viewer.call(`/api/lists/${made.body.id}`, { method: "PATCH", json: { name: "x" } })).status).toBe(403);
    expect((await viewer.call("/api/lists", post({ name: "x", source: "cart", lines: [{ sku: a, quantity: 1 }] }))).status).toBe(403);
    expect((await viewer.call(`/api/lists/${made.body.id}`, { method: "DELETE" })).status).toBe(403);

    // Another company: not found, for every verb; staff: forbidden.
    const other = await seedCompany({ name: "Nordic Phones", customerId: "nordic-1" });
    const otherOwner = await signedIn((await seedUser({ email: "o@nordic.test", companyId: other.id })).id);
    expect((await otherOwner.call(`/api/lists/${made.body.id}`)).status).toBe(404);
    expect((await otherOwner.call(`/api/lists/${made.body.id}`, { method: "PATCH", json: { name: "mine" } })).status).toBe(404);
    expect((await otherOwner.call(`/api/lists/${made.body.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await otherOwner.call("/api/lists")).body.data).toEqual([]);
    expect((await (await signedIn(world.ops.id)).call("/api/lists")).status).toBe(403);

    expect((await buyer.call(`/api/lists/${made.body.id}`, { method: "DELETE" })).status).toBe(200);
    expect((await owner.call(`/api/lists/${made.body.id}`)).status).toBe(404);
    expect(await db.savedListLine.count()).toBe(0);
  });

  it("name the wrong field and refuse unknown ones", async () => {
    const bad = await api("/api/lists", post({ name: "", source: "fax", lines: [{ sku: "A", quantity: 0, maxUnitPrice: "cheap" }], extra: 1 }));
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("validation_failed");
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(["name", "source", "lines.0.quantity", "lines.0.maxUnitPrice", "extra"]));
    expect((await api("/api/lists/nope", { method: "PATCH", json: {} })).status).toBe(422);
    expect((await api("/api/lists/nope", { method: "PATCH", json: { name: "x" } })).status).toBe(404);
  });
});

describe("order again", () => {
  it("shows the price then and now, the quantity then and what is available now, and what is no longer sold", async () => {
    const [a, b, c] = world.skus;
    const placed = await api("/api/orders", {
      method: "POST",
      headers: { "Idempotency-Key": randomUUID() },
      json: {
        items: [
          { sku: a, quantity: 5 },
          { sku: b, quantity: 2 },
          { sku: c, quantity: 1 },
        ],
        shippingAddress: address,
      },
    });
    expect(placed.status).toBe(201);
    const priceThen = (sku: string) => placed.body.items.find((i: { sku: string }) => i.sku === sku).unitPrice as string;

    // Since then: a's price went up and its stock fell to 3; c was taken off sale.
    const pa = await db.product.findUniqueOrThrow({ where: { sku: a } });
    await db.product.update({ where: { id: pa.id }, data: { price: (Number(pa.price) + 10).toFixed(2) } });
    await db.supplierOffer.updateMany({ where: { productId: pa.id }, data: { stock: 3 } });
    await db.product.update({ where: { id: pa.id }, data: { stock: 3 } });
    await db.product.update({ where: { sku: c }, data: { disabled: true, active: false } });

    const res = await api(`/api/orders/${placed.body.id}/reorder`);
    expect(res.status).toBe(200);
    reorderView.parse(res.body);
    expect(res.body).toMatchObject({ orderId: placed.body.id, number: placed.body.number, changed: true });
    const line = (sku: string) => res.body.lines.find((l: { sku: string }) => l.sku === sku);
    expect(line(a!)).toMatchObject({
      then: { quantity: 5, unitPrice: priceThen(a!) },
      now: { unitPrice: (Number(priceThen(a!)) + 10).toFixed(2), available: 3, status: "partial" },
      quantity: 3,
      changes: ["price_up", "less_stock"],
    });
    expect(line(b!)).toMatchObject({ then: { quantity: 2 }, now: { unitPrice: priceThen(b!), available: 2, status: "available" }, quantity: 2, changes: [] });
    expect(line(c!)).toMatchObject({ now: { product: null, status: "not_sold" }, quantity: 0, changes: ["not_sold"] });
    expect(res.body.orderable).toMatchObject({ lines: 2, units: 5 });
    expect(JSON.stringify(res.body)).not.toMatch(/supplier|cost|phonex/i);

    // Another company's order is not found; staff are refused.
    const other = await seedCompany({ name: "Nordic Phones", customerId: "nordic-1" });
    const otherUser = await seedUser({ email: "o@nordic.test", companyId: other.id });
    const otherKey = await seedApiKey({ companyId: other.id, userId: otherUser.id, name: "theirs" });
    expect((await api(`/api/orders/${placed.body.id}/reorder`, { key: otherKey.key })).status).toBe(404);
    expect((await (await signedIn(world.ops.id)).call(`/api/orders/${placed.body.id}/reorder`)).status).toBe(403);
  });
});
