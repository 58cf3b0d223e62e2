// Ops act for a company (issue 14 point 6): an order placed by ops on behalf of a reseller
// company is the company's order (its prices, its user, forwarded like any other), says so on
// the timeline and in the audit log, and never shows the reseller who at ops placed it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { seedCompany, seedUser } from "../../prisma/factories";
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

const body = (sku: string, quantity = 1) => ({ items: [{ sku, quantity }], shippingAddress: address, reference: "PO-OPS-1" });
const post = (json: unknown, key = randomUUID()) => ({ method: "POST", json, headers: { "Idempotency-Key": key } });

describe("POST /api/ops/companies/{id}/orders", () => {
  it("places the company's order at the company's price, on the timeline and in the audit log, and forwards it", async () => {
    // The company's tier has its own markup: the order is charged what the company sees.
    await db.markupRule.create({ data: { name: "Gold", scope: "tier", scopeValue: "gold", kind: "percent", value: 3, priority: 1 } });
    await db.product.updateMany({ data: { priceCost: 100 } });
    await db.company.update({ where: { id: world.company.id }, data: { tier: "gold" } });
    const sku = world.skus[0]!;
    const shown = (await api(`/api/products?q=${sku}`)).body.data.find((p: { sku: string }) => p.sku === sku).price;
    expect(shown).toBe("103.00");

    const ops = (await signedIn(world.ops.id)).call;
    // The catalog ops order from shows the company's prices (staff's own would be the base ones).
    const forCompany = await ops(`/api/ops/companies/${world.company.id}/products?q=${sku}`);
    expect(forCompany.body.data.find((p: { sku: string }) => p.sku === sku).price).toBe("103.00");
    expect((await ops(`/api/products?q=${sku}`)).body.data.find((p: { sku: string }) => p.sku === sku).price).not.toBe("103.00");
    const key = randomUUID();
    const res = await ops(`/api/ops/companies/${world.company.id}/orders`, post(body(sku, 2), key));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: "pending", subtotal: "206.00", reference: "PO-OPS-1" });
    expect(res.body.items[0]).toMatchObject({ sku, quantity: 2, unitPrice: "103.00" });

    const order = await db.order.findUniqueOrThrow({
      where: { id: res.body.id },
      select: { companyId: true, userId: true, events: { orderBy: { createdAt: "asc" }, select: { type: true, source: true, message: true } } },
    });
    // The company's owner is the order's user: its emails go where the company's always go.
    expect(order).toMatchObject({ companyId: world.company.id, userId: world.buyer.id });
    expect(order.events[0]).toMatchObject({ type: "created", source: "ops:ops@portal.test" });
    expect(order.events[0]!.message).toMatch(/^Order placed by Sam Ops on behalf of Worldtech Mobile\b/);

    const entries = await db.auditEntry.findMany({ where: { action: "order.placed_on_behalf" } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorUserId: world.ops.id,
      actorEmail: "ops@portal.test",
      actorRole: "ops",
      entityType: "order",
      entityId: res.body.id,
      companyId: world.company.id,
      note: "Placed on behalf of Worldtech Mobile",
    });
    expect(entries[0]!.after).toMatchObject({
      number: res.body.number,
      company: "Worldtech Mobile",
      orderUser: "buyer@worldtech.test",
      items: [{ sku, quantity: 2 }],
    });

    // Sent again with the same key: the same answer, no second order; the company's own key space is apart.
    const again = await ops(`/api/ops/companies/${world.company.id}/orders`, post(body(sku, 2), key));
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body.id).toBe(res.body.id);
    const own = await api("/api/orders", post(body(sku, 1), key));
    expect(own.status).toBe(201);
    expect(own.body.id).not.toBe(res.body.id);
    expect(await db.auditEntry.count({ where: { action: "order.placed_on_behalf" } })).toBe(1);

    // Forwarded like any order: PhoneX has it, and the company's emails go out.
    await waitFor(async () => (await db.supplierOrder.findFirst({ where: { orderId: res.body.id }, select: { status: true } }))?.status === "submitted", {
      what: "the order forwarded",
      timeoutMs: 20_000,
    });
    expect(harness().phonex.sim.state.orders.has(res.body.number)).toBe(true);
    const mails = await waitFor(
      async () => {
        const m = harness()
          .mail.messages()
          .filter((x) => x.subject.includes(res.body.number));
        return m.length >= 2 ? m : null;
      },
      { what: "the order's emails" },
    );
    for (const m of mails) {
      expect(m.to.join(",")).not.toContain("ops@portal.test");
      expect(`${m.subject}\n${m.text}\n${m.html}`).not.toMatch(/ops@portal\.test|Sam Ops/);
    }
  });

  it("the reseller's view says 'placed by our team', never who", async () => {
    const ops = (await signedIn(world.ops.id)).call;
    const res = await ops(`/api/ops/companies/${world.company.id}/orders`, post(body(world.skus[0]!)));
    expect(res.status).toBe(201);
    const views = [await api(`/api/orders/${res.body.id}`), await (await signedIn(world.buyer.id)).call(`/api/orders/${res.body.id}`), res];
    for (const v of views) {
      expect(v.status).toBeLessThan(300);
      expect(JSON.stringify(v.body)).not.toMatch(/ops@portal\.test|Sam Ops/);
      expect(v.body.timeline[0]).toMatchObject({ type: "created", source: "ops", message: "Order placed by our team" });
    }
    // In the company's order list as any order of theirs.
    expect((await api("/api/orders")).body.data.map((o: { id: string }) => o.id)).toContain(res.body.id);
    // Ops see who placed it.
    const staff = await ops(`/api/ops/orders/${res.body.id}`);
    expect(JSON.stringify(staff.body)).toContain("Order placed by Sam Ops on behalf of Worldtech Mobile");
  });

  it("resellers and keys get 403; an unknown company 404; a company with no one to order for 409; bad bodies 422", async () => {
    const owner = (await signedIn(world.buyer.id)).call;
    expect((await owner(`/api/ops/companies/${world.company.id}/orders`, post(body(world.skus[0]!)))).status).toBe(403);
    expect((await api(`/api/ops/companies/${world.company.id}/orders`, post(body(world.skus[0]!)))).status).toBe(403);
    const ops = (await signedIn(world.ops.id)).call;
    expect((await ops(`/api/ops/companies/${randomUUID()}/orders`, post(body(world.skus[0]!)))).status).toBe(404);
    expect((await ops(`/api/ops/companies/${randomUUID()}/products`)).status).toBe(404);
    expect((await owner(`/api/ops/companies/${world.company.id}/products`)).status).toBe(403);
    const empty = await seedCompany({ name: "Nobody Inc" });
    await seedUser({ email: "viewer@nobody.test", companyId: empty.id, companyRole: "viewer" });
    const none = await ops(`/api/ops/companies/${empty.id}/orders`, post(body(world.skus[0]!)));
    expect(none.status).toBe(409);
    expect(none.body.error.message).toMatch(/no active owner or buyer/);
    const bad = await ops(`/api/ops/companies/${world.company.id}/orders`, post({ items: [], shippingAddress: address }));
    expect(bad.status).toBe(422);
    expect(await db.order.count()).toBe(0);
    expect(await db.auditEntry.count()).toBe(0);
    // POST /api/orders still refuses staff: the explicit route is the only way.
    expect((await ops("/api/orders", post(body(world.skus[0]!)))).status).toBe(403);
  });
});
