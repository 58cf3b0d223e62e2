// Cancel end to end through PhoneX, and PhoneX's inventory.updated push.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { signPhoneX } from "../../lib/suppliers/phonex/signature";
import { startWorkers, type RunningWorkers } from "../../workers/start-workers";
import { address, api, harness, resetState, seedWorld, waitFor } from "../helpers/harness";

let workers: RunningWorkers;
let world: Awaited<ReturnType<typeof seedWorld>>;
beforeAll(() => {
  workers = startWorkers({ concurrency: 4 });
});
afterAll(() => workers.close());
beforeEach(async () => {
  await resetState();
  world = await seedWorld();
});

const statusOf = async (id: string) => (await db.order.findUniqueOrThrow({ where: { id } })).status;

it("cancels through PhoneX: 202, PhoneX confirms by webhook, the reseller is emailed once", async () => {
  const { phonex, mail } = harness();
  phonex.sim.configure({ autoAdvance: false });
  const res = await api("/api/orders", {
    method: "POST",
    headers: { "Idempotency-Key": randomUUID() },
    json: { items: [{ sku: world.skus[0], quantity: 1 }], shippingAddress: address },
  });
  const id = res.body.id as string;
  await waitFor(async () => (await statusOf(id)) === "submitted", { what: "submitted" });
  const cancel = await api(`/api/orders/${id}/cancel`, { method: "POST" });
  expect(cancel.status).toBe(202);
  // PhoneX takes the request (cancel_requested), then confirms with order.canceled.
  const simOrder = () => phonex.sim.state.orders.get(res.body.number)!;
  await waitFor(async () => simOrder().cancel_requested, { what: "PhoneX asked to cancel" });
  phonex.sim.advance(simOrder());
  await waitFor(async () => (await statusOf(id)) === "canceled", { what: "canceled", timeoutMs: 20_000 });
  expect(phonex.sim.state.orders.get(res.body.number)?.status).toBe("canceled");
  const canceledMail = await mail.waitFor(
    (m) => m.subject.includes(res.body.number) && /cancel/i.test(m.subject) && m.to.includes("buyer@worldtech.test"),
    10_000,
  );
  expect(canceledMail).toBeTruthy();
  expect((await api(`/api/orders/${id}/cancel`, { method: "POST" })).status).toBe(409);
});

it("applies PhoneX inventory.updated pushes, and an older snapshot never overwrites a newer one", async () => {
  const sku = world.skus[0]!;
  const send = async (quantity: number, at: Date, price = 200) => {
    const raw = JSON.stringify({
      event: "inventory.updated",
      updated_at: at.toISOString(),
      items: [{ sku, name: "x", brand: "Apple", model: "x", storage: "64GB", color: "Black", grade: "A", quantity, unit_price: price, currency: "USD" }],
    });
    const ts = Math.floor(Date.now() / 1000);
    const r = await fetch(`${harness().app.url}/api/webhooks/phonex`, {
      method: "POST",
      body: raw,
      headers: {
        "content-type": "application/json",
        "x-phonex-event-id": randomUUID(),
        "x-phonex-timestamp": String(ts),
        "x-phonex-signature": signPhoneX(process.env.PHONEX_WEBHOOK_SECRET!, ts, raw),
      },
    });
    expect(r.status).toBe(202);
  };
  const offer = () => db.supplierOffer.findFirstOrThrow({ where: { supplierId: world.supplier.id, supplierSku: sku } });
  const now = Date.now();
  await send(7, new Date(now));
  await waitFor(async () => (await offer()).stock === 7, { what: "stock 7" });
  expect((await db.product.findUniqueOrThrow({ where: { sku } })).stock).toBe(7);
  // An older snapshot arrives late: ignored.
  await send(99, new Date(now - 60_000));
  await waitFor(async () => (await db.webhookEvent.count({ where: { outcome: "pending" } })) === 0, { what: "processed" });
  expect((await offer()).stock).toBe(7);
  // Sold out: the product is hidden from ordering, and comes back with stock.
  await send(0, new Date(now + 1000));
  await waitFor(async () => (await db.product.findUniqueOrThrow({ where: { sku } })).active === false, { what: "hidden" });
  await send(12, new Date(now + 2000));
  await waitFor(async () => (await db.product.findUniqueOrThrow({ where: { sku } })).active === true, { what: "back" });
  expect((await db.product.findUniqueOrThrow({ where: { sku } })).stock).toBe(12);
});
