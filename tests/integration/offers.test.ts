// Offers and counter-offers through the API (issue 13, points 1 and 2): the floor declines at
// once, the auto-accept price accepts at once, everything between waits for ops; ops counter,
// the buyer counters back or accepts; only the side whose turn it is may act, and of two clicks
// at once (ops accept, the buyer withdraws) exactly one wins. Expiry runs on the worker's job
// scheduler. Real Postgres, Redis and workers.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { toCents, formatCents } from "../../lib/money";
import { expireOffers } from "../../lib/offers/expire-offers";
import { seedApiKey, seedCompany, seedUser } from "../../prisma/factories";
import { startWorkers, type RunningWorkers } from "../../workers/start-workers";
import { API_KEY, address, api, harness, resetState, seedWorld, waitFor } from "../helpers/harness";
import { openSse } from "../helpers/sse";
import { signedIn } from "../helpers/signed-in";

let world: Awaited<ReturnType<typeof seedWorld>>;
let list: number; // the first product's catalog price, in cents
beforeEach(async () => {
  await resetState();
  world = await seedWorld({ products: 2 });
  const p = await db.product.findUniqueOrThrow({ where: { sku: world.skus[0] } });
  list = toCents(p.price);
  // Ops' terms: below 80 % of the list price is declined, 95 % or more is accepted.
  await db.productOfferTerms.create({
    data: { productId: p.id, floor: formatCents(Math.round(list * 0.8)), autoAccept: formatCents(Math.round(list * 0.95)) },
  });
});

const at = (fraction: number) => formatCents(Math.round(list * fraction));
const offer = (unitPrice: string, extra: Record<string, unknown> = {}) =>
  api("/api/offers", {
    method: "POST",
    headers: { "Idempotency-Key": randomUUID() },
    json: { lines: [{ sku: world.skus[0], quantity: 5, unitPrice }], ...extra },
  });

describe("making an offer", () => {
  it("declines below the floor at once with a polite reason, accepts at or above the auto-accept price, and queues the rest for ops", async () => {
    const low = await offer(at(0.5));
    expect(low.status).toBe(201);
    expect(low.body).toMatchObject({ status: "declined", awaiting: null });
    expect(low.body.reason).toContain(world.skus[0]);
    expect(low.body.reason).not.toContain(at(0.8)); // the floor itself stays ours
    expect(low.body.timeline.map((e: { type: string }) => e.type)).toEqual(["made", "declined"]);

    const high = await offer(at(0.96));
    expect(high.body).toMatchObject({ status: "accepted", awaiting: "buyer" });
    expect(new Date(high.body.holdUntil).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);

    const mid = await offer(at(0.9), { message: "Can you do this for 5?" });
    expect(mid.body).toMatchObject({ status: "open", awaiting: "ops", message: "Can you do this for 5?", total: formatCents(Math.round(list * 0.9) * 5) });
    expect(mid.body.lines[0]).toMatchObject({ sku: world.skus[0], quantity: 5, unitPrice: at(0.9), listPrice: formatCents(list) });
    expect(new Date(mid.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 47 * 3600_000);
    // A product without terms: always for ops to decide.
    const other = await api("/api/offers", {
      method: "POST",
      headers: { "Idempotency-Key": randomUUID() },
      json: { lines: [{ sku: world.skus[1], quantity: 1, unitPrice: "1.00" }] },
    });
    expect(other.body.status).toBe("open");
  });

  it("names the wrong field, refuses unknown ones, and replays the same Idempotency-Key", async () => {
    const bad = await api("/api/offers", {
      method: "POST",
      headers: { "Idempotency-Key": randomUUID() },
      json: { lines: [{ sku: "NOPE", quantity: 1, unitPrice: "10.00" }] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: "unknown_sku", fields: { "lines.0.sku": "Not in the catalog" } });
    const price = await api("/api/offers", {
      method: "POST",
      headers: { "Idempotency-Key": randomUUID() },
      json: { lines: [{ sku: world.skus[0], quantity: 1, unitPrice: "cheap" }] },
    });
    expect(price.status).toBe(422);
    expect(price.body.error.fields).toHaveProperty(["lines.0.unitPrice"]);
    const extra = await api("/api/offers", {
      method: "POST",
      headers: { "Idempotency-Key": randomUUID() },
      json: { lines: [{ sku: world.skus[0], quantity: 1, unitPrice: "1.00" }], discount: 5 },
    });
    expect(extra.status).toBe(422);
    expect(JSON.stringify(extra.body.error)).toContain("discount");
    expect((await api("/api/offers", { method: "POST", json: { lines: [{ sku: world.skus[0], quantity: 1, unitPrice: "1.00" }] } })).status).toBe(422);

    const body = { lines: [{ sku: world.skus[0], quantity: 2, unitPrice: at(0.9) }] };
    const first = await api("/api/offers", { method: "POST", headers: { "Idempotency-Key": "offer-po-1" }, json: body });
    const again = await api("/api/offers", { method: "POST", headers: { "Idempotency-Key": "offer-po-1" }, json: body });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await db.offer.count()).toBe(1);
    const other = await api("/api/offers", { method: "POST", headers: { "Idempotency-Key": "offer-po-1" }, json: { ...body, message: "different" } });
    expect(other.status).toBe(409);
  });

  it("is the company's: a viewer cannot make one, another company cannot see or touch it, staff see every offer", async () => {
    const mid = await offer(at(0.9));
    const viewer = await signedIn((await seedUser({ email: "v@worldtech.test", companyId: world.company.id, companyRole: "viewer" })).id);
    expect((await viewer.call("/api/offers", { method: "POST", json: { lines: [{ sku: world.skus[0], quantity: 1, unitPrice: "1.00" }] } })).status).toBe(403);
    expect((await viewer.call(`/api/offers/${mid.body.id}`)).status).toBe(200);
    expect((await viewer.call(`/api/offers/${mid.body.id}/withdraw`, { method: "POST" })).status).toBe(403);
    const co = await seedCompany({ name: "Other Co" });
    const theirKey = (await seedApiKey({ companyId: co.id, userId: (await seedUser({ email: "o@other.test", companyId: co.id })).id })).key;
    expect((await api(`/api/offers/${mid.body.id}`, { key: theirKey })).status).toBe(404);
    expect((await api(`/api/offers/${mid.body.id}/withdraw`, { method: "POST", key: theirKey })).status).toBe(404);
    expect((await api("/api/offers", { key: theirKey })).body.data).toEqual([]);
    const ops = await signedIn(world.ops.id);
    const all = await ops.call("/api/offers");
    expect(all.body.data.map((o: { id: string }) => o.id)).toEqual([mid.body.id]);
    expect((await ops.call("/api/offers", { method: "POST", json: { lines: [{ sku: world.skus[0], quantity: 1, unitPrice: "1.00" }] } })).status).toBe(403);
  });
});

describe("ops' terms and live updates", () => {
  it("ops set a product's floor and auto-accept price; resellers cannot; a floor above the auto-accept is refused", async () => {
    const ops = await signedIn(world.ops.id);
    const set = await ops.call(`/api/ops/products/${world.skus[1]}/offer-terms`, { method: "PATCH", json: { floor: "100.00", autoAccept: 150 } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ sku: world.skus[1], floor: "100.00", autoAccept: "150.00", expiryHours: null });
    const line = (unitPrice: string) => ({ lines: [{ sku: world.skus[1], quantity: 1, unitPrice }] });
    expect((await api("/api/offers", { method: "POST", headers: { "Idempotency-Key": randomUUID() }, json: line("99.99") })).body.status).toBe("declined");
    expect((await api("/api/offers", { method: "POST", headers: { "Idempotency-Key": randomUUID() }, json: line("150.00") })).body.status).toBe("accepted");
    const bad = await ops.call(`/api/ops/products/${world.skus[1]}/offer-terms`, { method: "PATCH", json: { autoAccept: "50.00" } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toEqual({ autoAccept: "At least the floor" });
    expect((await ops.call(`/api/ops/products/${world.skus[1]}/offer-terms`, { method: "PATCH", json: { floor: null, autoAccept: null } })).body).toMatchObject(
      {
        floor: null,
        autoAccept: null,
      },
    );
    const owner = await signedIn(world.buyer.id);
    expect((await owner.call(`/api/ops/products/${world.skus[1]}/offer-terms`, { method: "PATCH", json: { floor: "1.00" } })).status).toBe(403);
    expect((await ops.call("/api/ops/products/NOPE/offer-terms", { method: "PATCH", json: { floor: "1.00" } })).status).toBe(404);
  });

  it("pushes offer.updated to the company's streams and staff's, not to another company's", async () => {
    const ops = await signedIn(world.ops.id);
    const co = await seedCompany({ name: "Other Co" });
    const theirKey = (await seedApiKey({ companyId: co.id, userId: (await seedUser({ email: "o@other.test", companyId: co.id })).id })).key;
    const mine = openSse(`${harness().app.url}/api/events`, { authorization: `Bearer ${API_KEY}` });
    const staff = openSse(`${harness().app.url}/api/events`, { cookie: ops.cookie });
    const theirs = openSse(`${harness().app.url}/api/events`, { authorization: `Bearer ${theirKey}` });
    try {
      await Promise.all([mine.ready, staff.ready, theirs.ready]);
      const o = (await offer(at(0.85))).body as { id: string; number: string };
      await ops.call(`/api/offers/${o.id}/counter`, { method: "POST", json: { lines: [{ sku: world.skus[0], unitPrice: at(0.9) }] } });
      const statuses = (s: typeof mine) =>
        s.events.filter((e) => e.event === "offer.updated").map((e) => (JSON.parse(e.data) as { offerId: string; status: string }).status);
      await waitFor(async () => statuses(mine).join() === "open,countered", { what: "the buyer's two offer events" });
      await waitFor(async () => statuses(staff).join() === "open,countered", { what: "staff's two offer events" });
      await new Promise((r) => setTimeout(r, 300));
      expect(statuses(theirs)).toEqual([]);
    } finally {
      mine.close();
      staff.close();
      theirs.close();
    }
  });
});

describe("negotiating", () => {
  it("ops counter, the buyer counters back, ops accept; each step on the timeline, only by whose turn it is", async () => {
    const ops = await signedIn(world.ops.id);
    const o = (await offer(at(0.85))).body as { id: string };
    // The buyer cannot accept their own offer; ops cannot answer their own counter.
    const early = await api(`/api/offers/${o.id}/accept`, { method: "POST" });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/not your turn/);

    const countered = await ops.call(`/api/offers/${o.id}/counter`, {
      method: "POST",
      json: { lines: [{ sku: world.skus[0], unitPrice: at(0.92), quantity: 4 }], message: "4 at this price" },
    });
    expect(countered.status).toBe(200);
    expect(countered.body).toMatchObject({ status: "countered", awaiting: "buyer" });
    expect(countered.body.lines[0]).toMatchObject({ quantity: 4, unitPrice: at(0.92) });
    expect((await ops.call(`/api/offers/${o.id}/accept`, { method: "POST" })).status).toBe(409);
    const notALine = await ops.call(`/api/offers/${o.id}/counter`, { method: "POST", json: { lines: [{ sku: world.skus[1], unitPrice: "1.00" }] } });
    expect(notALine.status).toBe(409); // not ops' turn comes first

    const back = await api(`/api/offers/${o.id}/counter`, { method: "POST", json: { lines: [{ sku: world.skus[0], unitPrice: at(0.9) }] } });
    expect(back.body).toMatchObject({ status: "open", awaiting: "ops" });
    expect(back.body.lines[0]).toMatchObject({ quantity: 4, unitPrice: at(0.9) });
    const wrongLine = await ops.call(`/api/offers/${o.id}/counter`, { method: "POST", json: { lines: [{ sku: world.skus[1], unitPrice: "1.00" }] } });
    expect(wrongLine.status).toBe(422);
    expect(wrongLine.body.error.fields).toEqual({ "lines.0.sku": "Not a line of this offer" });

    const accepted = await ops.call(`/api/offers/${o.id}/accept`, { method: "POST" });
    expect(accepted.body).toMatchObject({ status: "accepted", awaiting: "buyer" });
    expect(accepted.body.timeline.map((e: { type: string }) => e.type)).toEqual(["made", "countered", "countered", "accepted"]);
    expect(accepted.body.timeline[1].source).toBe("ops:ops@portal.test");
    // The buyer's view names no ops person.
    const mine = await api(`/api/offers/${o.id}`);
    expect(mine.body.timeline.map((e: { source: string }) => e.source)).toEqual(["api", "ops", "api", "ops"]);
    expect((await api(`/api/offers/${o.id}/withdraw`, { method: "POST" })).status).toBe(409);
  });

  it("a move sent again with its Idempotency-Key answers the first answer instead of 409; the key with another body is refused", async () => {
    const ops = await signedIn(world.ops.id);
    const o = (await offer(at(0.91))).body as { id: string };
    const key = { "Idempotency-Key": randomUUID() };
    const first = await ops.call(`/api/offers/${o.id}/counter`, {
      method: "POST",
      headers: key,
      json: { lines: [{ sku: world.skus[0], unitPrice: at(0.93) }] },
    });
    expect(first.status).toBe(200);
    const again = await ops.call(`/api/offers/${o.id}/counter`, {
      method: "POST",
      headers: key,
      json: { lines: [{ sku: world.skus[0], unitPrice: at(0.93) }] },
    });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    const other = await ops.call(`/api/offers/${o.id}/counter`, {
      method: "POST",
      headers: key,
      json: { lines: [{ sku: world.skus[0], unitPrice: at(0.94) }] },
    });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("idempotency_conflict");
    // Without a key, the same move again is the offer having moved: 409.
    const accepted = { "Idempotency-Key": randomUUID() };
    expect((await api(`/api/offers/${o.id}/accept`, { method: "POST", headers: accepted })).status).toBe(200);
    expect((await api(`/api/offers/${o.id}/accept`, { method: "POST", headers: accepted })).status).toBe(200);
    expect((await api(`/api/offers/${o.id}/accept`, { method: "POST" })).status).toBe(409);
    expect(await db.offerEvent.count({ where: { offerId: o.id, type: "accepted" } })).toBe(1);
    expect(await db.offerHold.count({ where: { offerId: o.id } })).toBe(1);
  });

  it("of ops accepting while the buyer withdraws, exactly one wins and the other gets 409", async () => {
    const ops = await signedIn(world.ops.id);
    for (let i = 0; i < 8; i++) {
      const o = (await offer(at(0.85))).body as { id: string };
      const [a, w] = await Promise.all([ops.call(`/api/offers/${o.id}/accept`, { method: "POST" }), api(`/api/offers/${o.id}/withdraw`, { method: "POST" })]);
      expect([a.status, w.status].sort()).toEqual([200, 409]);
      const final = await db.offer.findUniqueOrThrow({ where: { id: o.id }, include: { events: true } });
      expect(final.status).toBe(a.status === 200 ? "accepted" : "withdrawn");
      expect(final.events.map((e) => e.type).sort()).toEqual(["made", a.status === 200 ? "accepted" : "withdrawn"].sort());
    }
  });
});

describe("holding the stock", () => {
  /** The first product at one supplier offer with `n` in stock; what is held there; what the catalog shows. */
  async function stockAt(n: number) {
    const so = await db.supplierOffer.findFirstOrThrow({ where: { product: { sku: world.skus[0] } } });
    await db.supplierOffer.update({ where: { id: so.id }, data: { stock: n } });
    await db.product.update({ where: { id: so.productId }, data: { stock: n } });
    return so.id;
  }
  const state = async (soId: string) => {
    const so = await db.supplierOffer.findUniqueOrThrow({ where: { id: soId }, select: { stock: true, held: true, product: { select: { stock: true } } } });
    return { stock: so.stock, held: so.held, catalog: so.product.stock };
  };
  const order = (quantity: number) =>
    api("/api/orders", {
      method: "POST",
      headers: { "Idempotency-Key": randomUUID() },
      json: { items: [{ sku: world.skus[0], quantity }], shippingAddress: address },
    });

  it("an accepted offer holds its units: others cannot buy them, a sync does not free them, its order takes them, once", async () => {
    const soId = await stockAt(10);
    const held = (await offer(at(0.97))).body as { id: string; status: string }; // 5 units, accepted at once
    expect(held.status).toBe("accepted");
    expect(await state(soId)).toEqual({ stock: 10, held: 5, catalog: 5 });
    const listed = await api(`/api/products?q=${encodeURIComponent(world.skus[0]!)}`);
    expect(listed.body.data.find((p: { sku: string }) => p.sku === world.skus[0])).toMatchObject({ stock: 5 });

    // Another buyer's order gets only what is not held.
    const refused = await order(6);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: "out_of_stock" });
    expect((await order(5)).status).toBe(201);
    expect(await state(soId)).toEqual({ stock: 5, held: 5, catalog: 0 });

    // A stock sync writes the supplier's figure (still counting our held units): the hold stays.
    await db.supplierOffer.update({ where: { id: soId }, data: { stock: 8 } });
    const { recomputeProductStock } = await import("../../lib/catalog/offers/recompute-product-stock");
    await recomputeProductStock([(await db.supplierOffer.findUniqueOrThrow({ where: { id: soId } })).productId]);
    expect(await state(soId)).toEqual({ stock: 8, held: 5, catalog: 3 });

    // Ordering the offer turns the held units into the order's: reserved once, not twice.
    const [a, b] = await Promise.all([
      api(`/api/offers/${held.id}/order`, { method: "POST", json: { shippingAddress: address } }),
      api(`/api/offers/${held.id}/order`, { method: "POST", json: { shippingAddress: address } }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.order.id).toBe(a.body.order.id);
    expect(await state(soId)).toEqual({ stock: 3, held: 0, catalog: 3 });
    expect(await db.offerHold.count()).toBe(0);
  });

  it("ops cannot accept more than is in stock (the offer stays open to counter); an offer on more than the stock waits for ops", async () => {
    const soId = await stockAt(4);
    const big = (await offer(at(0.97))).body as { id: string; status: string; timeline: { type: string; message: string }[] };
    expect(big.status).toBe("open"); // 5 at an auto-accept price, but only 4 in stock
    expect(big.timeline.at(-1)).toMatchObject({ type: "noted", message: expect.stringContaining("only 4") });
    const ops = await signedIn(world.ops.id);
    const accept = await ops.call(`/api/offers/${big.id}/accept`, { method: "POST" });
    expect(accept.status).toBe(422);
    expect(accept.body.error).toMatchObject({ code: "out_of_stock", sku: world.skus[0], requested: 5, available: 4 });
    expect((await db.offer.findUniqueOrThrow({ where: { id: big.id } })).status).toBe("open");
    expect(await state(soId)).toEqual({ stock: 4, held: 0, catalog: 4 });
    // Countered down to what is there, and accepted by the buyer: held.
    expect((await ops.call(`/api/offers/${big.id}/counter`, { method: "POST", json: { lines: [{ sku: world.skus[0], quantity: 4 }] } })).status).toBe(200);
    expect((await api(`/api/offers/${big.id}/accept`, { method: "POST" })).status).toBe(200);
    expect(await state(soId)).toEqual({ stock: 4, held: 4, catalog: 0 });
  });

  it("of two offers accepted at once for the last units, one holds them and the other is refused; an ended hold releases them", async () => {
    const soId = await stockAt(5);
    const ops = await signedIn(world.ops.id);
    const first = (await offer(at(0.91))).body as { id: string };
    const second = (await offer(at(0.92))).body as { id: string };
    const answers = await Promise.all([first, second].map((o) => ops.call(`/api/offers/${o.id}/accept`, { method: "POST" })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 422]);
    expect(await state(soId)).toEqual({ stock: 5, held: 5, catalog: 0 });
    expect(await db.offerHold.count()).toBe(1);

    expect(await expireOffers(new Date(Date.now() + 25 * 3600_000))).toBe(1);
    expect(await state(soId)).toEqual({ stock: 5, held: 0, catalog: 5 });
    expect(await db.offerHold.count()).toBe(0);
    expect((await order(5)).status).toBe(201);
  });
});

describe("rules, margins and the ops queue", () => {
  let workers: RunningWorkers | null = null;
  beforeAll(() => {
    workers = startWorkers({ concurrency: 2 });
  });
  afterAll(async () => {
    await workers?.close();
  });

  it("ops' rules set the floor, auto-accept price and expiry by brand and grade; a product's own terms win; bad rules name the field", async () => {
    const ops = await signedIn(world.ops.id);
    const p1 = await db.product.findUniqueOrThrow({ where: { sku: world.skus[1] } });
    const list1 = toCents(p1.price);
    const rule = await ops.call("/api/ops/offer-rules", {
      method: "POST",
      json: { name: "Grade rule", brand: p1.brand.toUpperCase(), grade: p1.grade, floorPercent: 70, autoAcceptPercent: "98", expiryHours: 6 },
    });
    expect(rule.status).toBe(201);
    expect(rule.body).toMatchObject({ floorPercent: 70, autoAcceptPercent: 98, expiryHours: 6, active: true });
    const offerOn = (sku: string, unitPrice: string) =>
      api("/api/offers", { method: "POST", headers: { "Idempotency-Key": randomUUID() }, json: { lines: [{ sku, quantity: 1, unitPrice }] } });
    expect((await offerOn(world.skus[1]!, formatCents(Math.round(list1 * 0.6)))).body.status).toBe("declined");
    expect((await offerOn(world.skus[1]!, formatCents(Math.round(list1 * 0.99)))).body.status).toBe("accepted");
    const open = (await offerOn(world.skus[1]!, formatCents(Math.round(list1 * 0.9)))).body;
    expect(open.status).toBe("open");
    expect(Math.abs(new Date(open.expiresAt).getTime() - (Date.now() + 6 * 3600_000))).toBeLessThan(60_000);

    // A rule for everything with a low floor: the first product's own floor (80 %) still declines 75 %.
    expect((await ops.call("/api/ops/offer-rules", { method: "POST", json: { name: "All", floorPercent: 50, priority: 200 } })).status).toBe(201);
    expect((await offer(at(0.75))).body.status).toBe("declined");

    const bad = await ops.call("/api/ops/offer-rules", { method: "POST", json: { name: "Bad", floorPercent: 90, autoAcceptPercent: 80 } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toEqual({ autoAcceptPercent: "At least the floor percentage" });
    const worse = await ops.call("/api/ops/offer-rules", { method: "POST", json: { name: "", floorPercent: -1, colour: "red" } });
    expect(worse.status).toBe(422);
    expect(Object.keys(worse.body.error.fields).sort()).toEqual(["colour", "floorPercent", "name"]);
    // Turned off, it no longer applies: 60 % now waits for ops (the catch-all's floor is 50 %).
    expect((await ops.call(`/api/ops/offer-rules/${rule.body.id}`, { method: "PATCH", json: { active: false } })).body.active).toBe(false);
    expect((await offerOn(world.skus[1]!, formatCents(Math.round(list1 * 0.6)))).body.status).toBe("open");
    expect((await ops.call(`/api/ops/offer-rules/${rule.body.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await ops.call(`/api/ops/offer-rules/${rule.body.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await ops.call("/api/ops/offer-rules")).body.data.map((r: { name: string }) => r.name)).toEqual(["All"]);
  });

  it("ops see each offer's margin against the current supplier cost (and whether it moved), sort the queue by it; buyers never see a cost", async () => {
    const ops = await signedIn(world.ops.id);
    const cost = toCents((await db.supplierOffer.findFirstOrThrow({ where: { product: { sku: world.skus[0] } } })).cost);
    const lines = (unitPrice: string, quantity: number) => ({ lines: [{ sku: world.skus[0], quantity, unitPrice }] });
    const make = async (unitPrice: string, quantity: number) =>
      (await api("/api/offers", { method: "POST", headers: { "Idempotency-Key": randomUUID() }, json: lines(unitPrice, quantity) })).body as {
        id: string;
      };
    const thin = await make(at(0.9), 10); // large value, small margin
    const fat = await make(at(0.94), 1);
    const mid = await make(at(0.92), 3);

    const byMargin = await ops.call("/api/offers?status=open&sort=margin");
    expect(byMargin.body.data.map((o: { id: string }) => o.id)).toEqual([fat.id, mid.id, thin.id]);
    const top = byMargin.body.data[0];
    expect(top.lines[0]).toMatchObject({ cost: formatCents(cost), costAtOffer: formatCents(cost), costMoved: false });
    expect(top.margin).toMatchObject({ margin: formatCents(toCents(at(0.94)) - cost), costMoved: false, belowCost: false });
    expect(top.margin.marginPercent).toBeCloseTo(((toCents(at(0.94)) - cost) / toCents(at(0.94))) * 100, 0);
    const byValue = await ops.call("/api/offers?status=open&sort=value");
    expect(byValue.body.data.map((o: { id: string }) => o.id)).toEqual([thin.id, mid.id, fat.id]);
    const byAge = await ops.call("/api/offers?status=open&sort=age&limit=2");
    expect(byAge.body.data.map((o: { id: string }) => o.id)).toEqual([thin.id, fat.id]);
    const next = await ops.call(`/api/offers?status=open&sort=age&limit=2&cursor=${byAge.body.nextCursor}`);
    expect(next.body).toMatchObject({ data: [{ id: mid.id }], nextCursor: null });
    expect((await ops.call("/api/offers?status=open&sort=value&order=asc")).body.data[0].id).toBe(fat.id);
    expect((await ops.call("/api/offers?sort=age&cursor=bm9wZQ")).status).toBe(422);

    // The supplier's cost moves up: the queue says so, and the thin offer is now below cost.
    await db.supplierOffer.updateMany({ where: { product: { sku: world.skus[0] } }, data: { cost: formatCents(toCents(at(0.91))) } });
    const moved = (await ops.call(`/api/offers/${thin.id}`)).body;
    expect(moved.lines[0]).toMatchObject({ cost: at(0.91), costAtOffer: formatCents(cost), costMoved: true });
    expect(moved.margin).toMatchObject({ costMoved: true, belowCost: true });
    // Accepting below the current cost needs ops to say so.
    const refused = await ops.call(`/api/offers/${thin.id}/accept`, { method: "POST" });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "conflict", reason: "below_cost", sku: world.skus[0], cost: at(0.91) });
    const taken = await ops.call(`/api/offers/${thin.id}/accept`, { method: "POST", json: { acceptBelowCost: true } });
    expect(taken.status).toBe(200);
    expect(taken.body.lines[0]).toMatchObject({ costAtAcceptance: at(0.91) });

    // The buyer's view: no cost, no margin, and no sorting by it.
    const mine = await api("/api/offers?sort=value");
    expect(mine.status).toBe(200);
    expect(JSON.stringify(mine.body)).not.toMatch(/cost|margin/i);
    expect(JSON.stringify((await api(`/api/offers/${thin.id}`)).body)).not.toMatch(/cost|margin/i);
    const nope = await api("/api/offers?sort=margin");
    expect(nope.status).toBe(422);
    expect(nope.body.error.fields).toEqual({ sort: "Not one you may use" });
  });

  it("an offer made to order on acceptance is ordered by the worker once accepted, at the agreed price, once", async () => {
    const ops = await signedIn(world.ops.id);
    const noAddress = await offer(at(0.91), { orderOnAcceptance: true });
    expect(noAddress.status).toBe(422);
    expect(noAddress.body.error.fields).toEqual({ shippingAddress: "Required to order on acceptance" });

    const o = (await offer(at(0.91), { orderOnAcceptance: true, shippingAddress: address })).body as { id: string; status: string };
    expect(o.status).toBe("open");
    expect((await ops.call(`/api/offers/${o.id}/accept`, { method: "POST" })).status).toBe(200);
    await waitFor(async () => (await db.offer.findUniqueOrThrow({ where: { id: o.id } })).status === "ordered", { what: "the order on acceptance" });
    const done = (await api(`/api/offers/${o.id}`)).body;
    expect(done.timeline.at(-1)).toMatchObject({ type: "ordered", source: "portal" });
    const order = await db.order.findUniqueOrThrow({ where: { id: done.orderId }, include: { items: true } });
    expect(order.items.map((i) => [i.sku, i.quantity, formatCents(toCents(i.unitPrice))])).toEqual([[world.skus[0], 5, at(0.91)]]);
    expect(order.shippingAddress).toMatchObject({ city: address.city });
    await waitFor(async () => harness().phonex.sim.state.orders.size === 1, { what: "the forward" });
    expect(await db.order.count()).toBe(1);
    expect(await db.offerHold.count()).toBe(0);

    // At an auto-accept price it is accepted and ordered with no one in between.
    const at0nce = (await offer(at(0.97), { orderOnAcceptance: true, shippingAddress: address })).body as { id: string; status: string };
    expect(at0nce.status).toBe("accepted");
    await waitFor(async () => (await db.offer.findUniqueOrThrow({ where: { id: at0nce.id } })).status === "ordered", { what: "the second order" });
    expect(await db.order.count()).toBe(2);
  });
});

describe("expiry", () => {
  let workers: RunningWorkers | null = null;
  beforeAll(() => {
    workers = startWorkers({ concurrency: 2 });
  });
  afterAll(async () => {
    await workers?.close();
  });

  it("emails the other side once per step, and puts it in their inboxes", async () => {
    const ops = await signedIn(world.ops.id);
    const mails = (to: string) =>
      harness()
        .mail.messages()
        .filter((m) => m.to.includes(to))
        .map((m) => m.subject);
    const o = (await offer(at(0.85), { message: "5 at this?" })).body as { id: string; number: string };
    await waitFor(async () => mails("ops@portal.test").length === 1, { what: "ops told of the offer" });
    expect(mails("ops@portal.test")[0]).toBe(`Offer ${o.number} from Worldtech Mobile: $${formatCents(Math.round(list * 0.85) * 5)}`);
    await ops.call(`/api/offers/${o.id}/counter`, { method: "POST", json: { lines: [{ sku: world.skus[0], unitPrice: at(0.92) }], message: "Meet us here" } });
    await waitFor(async () => mails("buyer@worldtech.test").length === 1, { what: "the buyer told of the counter" });
    expect(mails("buyer@worldtech.test")[0]).toBe(`Offer ${o.number}: countered`);
    const text = harness()
      .mail.messages()
      .find((m) => m.to.includes("buyer@worldtech.test"))!.text;
    expect(text).toContain("Meet us here");
    expect(text).not.toContain("ops@portal.test"); // who at ops answered stays ours
    await api(`/api/offers/${o.id}/counter`, { method: "POST", json: { lines: [{ sku: world.skus[0], unitPrice: at(0.9) }] } });
    await waitFor(async () => mails("ops@portal.test").length === 2, { what: "ops told of the counter back" });
    expect(mails("ops@portal.test")[1]).toContain("(countered back)");
    await ops.call(`/api/offers/${o.id}/accept`, { method: "POST" });
    await waitFor(async () => mails("buyer@worldtech.test").length === 2, { what: "the buyer told of the acceptance" });
    expect(mails("buyer@worldtech.test")[1]).toBe(`Offer ${o.number}: accepted`);
    // The inboxes: the buyer's company holds our two answers, staff the buyer's two moves.
    const inbox = await db.inboxItem.findMany({ where: { type: { startsWith: "offer_" } }, select: { userId: true, type: true, url: true } });
    expect(inbox.filter((i) => i.userId === world.buyer.id).map((i) => [i.type, i.url])).toEqual([
      ["offer_for_buyer", "/offers"],
      ["offer_for_buyer", "/offers"],
    ]);
    expect(inbox.filter((i) => i.userId === world.ops.id).map((i) => [i.type, i.url])).toEqual([
      ["offer_for_ops", "/ops/offers"],
      ["offer_for_ops", "/ops/offers"],
    ]);
    await new Promise((r) => setTimeout(r, 300));
    expect(mails("ops@portal.test")).toHaveLength(2);
    expect(mails("buyer@worldtech.test")).toHaveLength(2);
  });

  it("an accepted offer becomes one order at the agreed prices, reaching the supplier once however often it is asked", async () => {
    const ops = await signedIn(world.ops.id);
    const o = (await offer(at(0.91))).body as { id: string; number: string };
    const early = await api(`/api/offers/${o.id}/order`, { method: "POST", json: { shippingAddress: address } });
    expect(early.status).toBe(409);
    await ops.call(`/api/offers/${o.id}/accept`, { method: "POST" });
    const [a, b] = await Promise.all([
      api(`/api/offers/${o.id}/order`, { method: "POST", json: { shippingAddress: address } }),
      api(`/api/offers/${o.id}/order`, { method: "POST", json: { shippingAddress: address } }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.order.id).toBe(a.body.order.id);
    expect(a.body.offer).toMatchObject({ status: "ordered", orderId: a.body.order.id, awaiting: null });
    expect(a.body.order).toMatchObject({ reference: o.number, subtotal: formatCents(Math.round(list * 0.91) * 5) });
    expect(a.body.order.items[0]).toMatchObject({ sku: world.skus[0], quantity: 5, unitPrice: at(0.91) });
    expect(await db.order.count()).toBe(1);
    expect((await db.offerEvent.findMany({ where: { offerId: o.id, type: "ordered" } })).length).toBe(1);
    // Forwarded like any order, once.
    await waitFor(async () => (await db.supplierOrder.findFirst({ where: { orderId: a.body.order.id, status: { not: "pending" } } })) !== null, {
      what: "the forward",
    });
    expect(await db.supplierOrder.count({ where: { orderId: a.body.order.id } })).toBe(1);
    expect(harness().phonex.sim.state.orders.size).toBe(1);
    const again = await api(`/api/offers/${o.id}/order`, { method: "POST", json: { shippingAddress: address } });
    expect(again.body.order.id).toBe(a.body.order.id);
    // Another address after the fact is a different request under the same offer: refused.
    expect((await api(`/api/offers/${o.id}/order`, { method: "POST", json: { shippingAddress: { ...address, city: "Doral" } } })).status).toBe(409);
  });

  it("expires unanswered offers and unordered holds, once, on the worker's schedule", async () => {
    const open = (await offer(at(0.85))).body as { id: string };
    const held = (await offer(at(0.97))).body as { id: string; status: string };
    expect(held.status).toBe("accepted");
    expect(await expireOffers(new Date(Date.now() + 3600_000))).toBe(0);
    expect(await expireOffers(new Date(Date.now() + 25 * 3600_000))).toBe(1); // the hold ends first
    expect((await db.offer.findUniqueOrThrow({ where: { id: held.id } })).status).toBe("expired");
    expect(await expireOffers(new Date(Date.now() + 49 * 3600_000))).toBe(1);
    expect(await expireOffers(new Date(Date.now() + 49 * 3600_000))).toBe(0);
    const gone = await api(`/api/offers/${open.id}`);
    expect(gone.body).toMatchObject({ status: "expired", reason: "No answer in time" });
    expect((await api(`/api/offers/${open.id}/withdraw`, { method: "POST" })).status).toBe(409);

    // The worker's scheduler does it without being asked.
    const due = (await offer(at(0.85))).body as { id: string };
    await db.offer.update({ where: { id: due.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await waitFor(async () => (await db.offer.findUniqueOrThrow({ where: { id: due.id } })).status === "expired", {
      what: "the scheduled expiry",
      timeoutMs: 10_000,
    });
  });
});
