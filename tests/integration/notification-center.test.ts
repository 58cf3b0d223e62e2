// The notification center: every email that is queued also lands, in the same transaction, in the
// in-app inbox of each user who may see the event (a company's users for its orders, staff for
// failed orders, stock alerts and sync failures), live over /api/events; per-user preferences per
// event type and channel (an email turned off is never sent, an in-app one never written, stock
// alerts held for one daily digest); and ops' resend of any email from the order page. Real
// Postgres (the fanout is a trigger), Redis, workers and SMTP.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { evaluateStockAlerts } from "../../lib/catalog/offers/evaluate-stock-alerts";
import { recordSyncFailed } from "../../lib/catalog/sync/record-sync-failed";
import { ALL_EVENTS, OWNER_EVENTS, RESELLER_EVENTS, STAFF_EVENTS } from "../../lib/notifications/event-types";
import { queueOrderEmailsInTx } from "../../lib/notifications/queue-order-emails";
import { digestBoundary, sendDueStockDigests } from "../../lib/notifications/stock-digest";
import { dispatchOutbox } from "../../lib/queue/outbox";
import { seedCompany, seedUser } from "../../prisma/factories";
import { startWorkers, type RunningWorkers } from "../../workers/start-workers";
import { address, api, harness, resetState, seedWorld, waitFor } from "../helpers/harness";
import { signedIn } from "../helpers/signed-in";
import { openSse } from "../helpers/sse";

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
  // Orders stay where they are placed (submitted): the events of each test are the ones it makes.
  harness().phonex.sim.configure({ autoAdvance: false });
});

const placeOrder = async () => {
  const res = await api("/api/orders", {
    method: "POST",
    headers: { "Idempotency-Key": randomUUID() },
    json: { items: [{ sku: world.skus[0], quantity: 1 }], shippingAddress: address },
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; number: string };
};
const mailsTo = (email: string) =>
  harness()
    .mail.messages()
    .filter((m) => m.to.includes(email));
/** Wait until every email job of these notifications has run (sent, or skipped for its status). */
const jobsSettled = (ids: string[]) =>
  waitFor(
    async () =>
      (await db.outboxMessage.count({ where: { subject: { in: ids.map((id) => `email:${id}`) }, status: "open" } })) === 0 &&
      (await db.outboxMessage.count({ where: { subject: { in: ids.map((id) => `email:${id}`) } } })) === ids.length,
    { what: "the email jobs to finish" },
  );

describe("the inbox fanout", () => {
  it("puts each event in the inbox of exactly who may see it, once per user, as the event-type lists say", async () => {
    const buyer2 = await seedUser({ email: "b2@worldtech.test", companyId: world.company.id, companyRole: "buyer" });
    const viewer = await seedUser({ email: "v@worldtech.test", companyId: world.company.id, companyRole: "viewer" });
    const gone = await seedUser({ email: "gone@worldtech.test", companyId: world.company.id, companyRole: "buyer" });
    await db.user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });
    const other = await seedCompany({ name: "Other Co" });
    await seedUser({ email: "them@other.test", companyId: other.id });
    const admin = await seedUser({ email: "admin@portal.test", role: "admin" });
    const company = [world.buyer.id, buyer2.id, viewer.id].sort();
    const staff = [world.ops.id, admin.id].sort();

    // A real order: its order_placed email goes to the buyer and the company's contact address,
    // and the company's three active users get one inbox item between them each.
    const order = await placeOrder();
    const placed = await db.inboxItem.findMany({ where: { orderId: order.id }, orderBy: { userId: "asc" } });
    expect(placed.map((i) => i.userId).sort()).toEqual(company);
    expect(placed.every((i) => i.type === "order_placed" && i.url === `/orders/${order.id}` && i.eventKey === `${order.id}:order_placed`)).toBe(true);
    expect(placed[0]!.title).toContain(order.number);

    // Every event type, as the trigger fans it out, against the lists the preferences page offers.
    for (const type of [...ALL_EVENTS, "account_invite", "password_reset", "stock_digest"]) {
      await db.notification.create({
        data: {
          idempotencyKey: `probe:${type}:${type === "webhook_disabled" ? world.buyer.email : "x@probe.test"}`,
          type,
          orderId: type.startsWith("order_") ? order.id : null,
          userId: type === "offer_for_buyer" ? world.buyer.id : null,
          email: type === "webhook_disabled" ? world.buyer.email : "x@probe.test",
          subject: `probe ${type}`,
          body: "probe",
          status: "sent",
        },
      });
    }
    const probes = await db.inboxItem.findMany({ where: { eventKey: { startsWith: "probe:" } } });
    const audience = (type: string) =>
      probes
        .filter((p) => p.type === type)
        .map((p) => p.userId)
        .sort();
    for (const type of RESELLER_EVENTS) expect(audience(type), type).toEqual(company);
    for (const type of STAFF_EVENTS) expect(audience(type), type).toEqual(staff);
    for (const type of OWNER_EVENTS) expect(audience(type), type).toEqual([world.buyer.id]);
    for (const type of ["account_invite", "password_reset", "stock_digest"]) expect(audience(type), type).toEqual([]);
    expect(probes.find((p) => p.type === "order_failed")!.url).toBe(`/ops/orders/${order.id}`);
    expect(probes.find((p) => p.type === "sync_failed")!.url).toBe("/ops/sync");
    expect(probes.find((p) => p.type === "low_stock")!.url).toBe("/ops/alerts");

    // The same event queued again (a duplicated webhook, a retry) writes nothing more.
    const before = await db.inboxItem.count();
    await db.$transaction((tx) => queueOrderEmailsInTx(tx, order.id, "order_placed"));
    expect(await db.inboxItem.count()).toBe(before);
  });
});

describe("the inbox API", () => {
  it("lists the caller's own items with the unread count; marks one, several or all read; refuses others' ids and unknown fields", async () => {
    const owner = await signedIn(world.buyer.id);
    const viewer = await signedIn((await seedUser({ email: "v@worldtech.test", companyId: world.company.id, companyRole: "viewer" })).id);
    const other = await seedCompany({ name: "Other Co" });
    const stranger = await signedIn((await seedUser({ email: "them@other.test", companyId: other.id })).id);
    for (let i = 0; i < 3; i++) await placeOrder();

    const list = await owner.call("/api/account/notifications?limit=2");
    expect(list.status).toBe(200);
    expect(list.body.unreadCount).toBe(3);
    expect(list.body.data).toHaveLength(2);
    expect(list.body.data[0]).toMatchObject({ type: "order_placed", read: false, readAt: null });
    const rest = await owner.call(`/api/account/notifications?limit=2&cursor=${list.body.nextCursor}`);
    expect(rest.body.data).toHaveLength(1);
    expect(rest.body.nextCursor).toBeNull();
    expect((await stranger.call("/api/account/notifications")).body).toMatchObject({ data: [], unreadCount: 0 });

    const first = list.body.data[0].id as string;
    const read = await owner.call("/api/account/notifications/read", { method: "POST", json: { ids: [first] } });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ marked: 1, unreadCount: 2 });
    expect((await owner.call("/api/account/notifications?unread=true")).body.data.map((n: { id: string }) => n.id)).not.toContain(first);
    // The viewer's own copy of the same event is still unread: reading is per user.
    expect((await viewer.call("/api/account/notifications")).body.unreadCount).toBe(3);

    // Someone else's item: 404, and nothing of theirs changes.
    const theirs = (await viewer.call("/api/account/notifications")).body.data[0].id as string;
    expect((await stranger.call("/api/account/notifications/read", { method: "POST", json: { ids: [theirs] } })).status).toBe(404);
    expect((await owner.call("/api/account/notifications/read", { method: "POST", json: { ids: [theirs] } })).status).toBe(404);
    expect((await viewer.call("/api/account/notifications")).body.unreadCount).toBe(3);

    const bad = await owner.call("/api/account/notifications/read", { method: "POST", json: { ids: [], everything: true } });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body.error)).toContain("everything");
    expect((await owner.call("/api/account/notifications?colour=red")).status).toBe(422);
    // An API key is a company's system, not a user: it has no inbox.
    expect((await api("/api/account/notifications")).status).toBe(403);

    const all = await owner.call("/api/account/notifications/read-all", { method: "POST" });
    expect(all.body).toEqual({ marked: 2, unreadCount: 0 });
    expect((await owner.call("/api/account/notifications")).body.data.every((n: { read: boolean }) => n.read)).toBe(true);
  });

  it("pushes a new item to its user's open event stream within a second, and to no one else's", async () => {
    const owner = await signedIn(world.buyer.id);
    const other = await seedCompany({ name: "Other Co" });
    const stranger = await signedIn((await seedUser({ email: "them@other.test", companyId: other.id })).id);
    const mine = openSse(`${harness().app.url}/api/events`, { cookie: owner.cookie });
    const theirs = openSse(`${harness().app.url}/api/events`, { cookie: stranger.cookie });
    const keyStream = openSse(`${harness().app.url}/api/events`, { authorization: `Bearer pk_live_integration_worldtech_000000000` });
    try {
      await Promise.all([mine.ready, theirs.ready, keyStream.ready]);
      const t0 = Date.now();
      const order = await placeOrder();
      const pushed = await waitFor(async () => mine.events.find((e) => e.event === "notification.created"), { what: "notification.created", timeoutMs: 5000 });
      const ms = Date.now() - t0;
      const item = await db.inboxItem.findFirstOrThrow({ where: { userId: world.buyer.id, orderId: order.id } });
      expect(JSON.parse(pushed.data)).toMatchObject({ id: item.id, kind: "order_placed", url: `/orders/${order.id}` });
      expect(ms).toBeLessThan(1500);
      await new Promise((r) => setTimeout(r, 1200));
      expect(theirs.events.filter((e) => e.event === "notification.created")).toEqual([]);
      expect(keyStream.events.filter((e) => e.event === "notification.created")).toEqual([]);
    } finally {
      mine.close();
      theirs.close();
      keyStream.close();
    }
  });
});

describe("preferences", () => {
  it("per user, type and channel: an email turned off is not sent to that user, an in-app one is not written; contact emails go on", async () => {
    const owner = await signedIn(world.buyer.id);
    const buyer2 = await seedUser({ email: "b2@worldtech.test", companyId: world.company.id, companyRole: "buyer" });

    const initial = await owner.call("/api/account/notification-preferences");
    expect(initial.status).toBe(200);
    expect(initial.body.data.map((p: { type: string }) => p.type)).toEqual([...RESELLER_EVENTS, ...OWNER_EVENTS]);
    expect(initial.body.data.every((p: { email: boolean; inApp: boolean; digest: unknown }) => p.email && p.inApp && p.digest === null)).toBe(true);

    const set = await owner.call("/api/account/notification-preferences", {
      method: "PUT",
      json: {
        preferences: [
          { type: "order_placed", email: false },
          { type: "order_accepted", inApp: false },
        ],
      },
    });
    expect(set.status).toBe(200);
    expect(set.body.data.find((p: { type: string }) => p.type === "order_placed")).toMatchObject({ email: false, inApp: true });
    expect(set.body.data.find((p: { type: string }) => p.type === "order_accepted")).toMatchObject({ email: true, inApp: false });

    // Wrong input names its field; a staff-only type is not a reseller's to set.
    const wrong = await owner.call("/api/account/notification-preferences", { method: "PUT", json: { preferences: [{ type: "low_stock", email: false }] } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.fields).toHaveProperty(["preferences.0.type"]);
    const digest = await owner.call("/api/account/notification-preferences", {
      method: "PUT",
      json: { preferences: [{ type: "order_placed", digest: true }] },
    });
    expect(digest.body.error.fields).toHaveProperty(["preferences.0.digest"]);
    const unknown = await owner.call("/api/account/notification-preferences", { method: "PUT", json: { preferences: [{ type: "order_placed", sms: true }] } });
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(unknown.body.error)).toContain("sms");

    const order = await placeOrder();
    const emails = await db.notification.findMany({ where: { orderId: order.id, type: "order_placed" } });
    expect(Object.fromEntries(emails.map((n) => [n.email, n.status === "suppressed" ? "suppressed" : "queued"]))).toEqual({
      "buyer@worldtech.test": "suppressed",
      "purchasing@worldtech.test": "queued",
    });
    await waitFor(async () => mailsTo("purchasing@worldtech.test").length === 1, { what: "the contact's email" });
    await jobsSettled(emails.map((n) => n.id));
    expect(mailsTo("buyer@worldtech.test")).toEqual([]);
    // The email is off, the in-app item is not.
    expect(await db.inboxItem.count({ where: { userId: world.buyer.id, orderId: order.id, type: "order_placed" } })).toBe(1);

    // order_accepted: the owner's email goes, the owner's inbox stays empty, the other buyer's does not.
    const refs = await db.$transaction((tx) => queueOrderEmailsInTx(tx, order.id, "order_accepted"));
    await dispatchOutbox(refs);
    await waitFor(async () => mailsTo("buyer@worldtech.test").some((m) => /accepted/i.test(m.subject)), { what: "the owner's accepted email" });
    const accepted = await db.inboxItem.findMany({ where: { orderId: order.id, type: "order_accepted" } });
    expect(accepted.map((i) => i.userId)).toEqual([buyer2.id]);
  });

  it("stock alerts as one daily digest: held instead of sent, then one email with all of them at the digest hour, once", async () => {
    const ops = await signedIn(world.ops.id);
    // Another staff user, without a digest: their emails come one per alert, at their own address.
    await seedUser({ email: "admin@portal.test", role: "admin" });
    const staffTypes = (await ops.call("/api/account/notification-preferences")).body.data;
    expect(staffTypes.map((p: { type: string }) => p.type)).toEqual([...STAFF_EVENTS]);
    const set = await ops.call("/api/account/notification-preferences", {
      method: "PUT",
      json: {
        preferences: [
          { type: "low_stock", digest: true },
          { type: "out_of_stock", digest: true },
        ],
      },
    });
    expect(set.status).toBe(200);
    expect(set.body.data.find((p: { type: string }) => p.type === "low_stock")).toMatchObject({ email: true, digest: true });

    const products = await db.product.findMany({ where: { sku: { in: world.skus } }, orderBy: { sku: "asc" } });
    await db.supplierOffer.update({ where: { supplierId_supplierSku: { supplierId: world.supplier.id, supplierSku: products[0]!.sku } }, data: { stock: 2 } });
    await db.supplierOffer.update({ where: { supplierId_supplierSku: { supplierId: world.supplier.id, supplierSku: products[1]!.sku } }, data: { stock: 0 } });
    expect(await evaluateStockAlerts([products[0]!.id, products[1]!.id], 5)).toBe(2);

    const stock = await db.notification.findMany({ where: { type: { in: ["low_stock", "out_of_stock"] } }, orderBy: [{ createdAt: "asc" }, { email: "asc" }] });
    expect(stock.map((n) => [n.email, n.status]).sort()).toEqual([
      ["admin@portal.test", "pending"],
      ["admin@portal.test", "pending"],
      ["ops@portal.test", "held"],
      ["ops@portal.test", "held"],
    ]);
    const held = stock.filter((n) => n.status === "held");
    await waitFor(async () => mailsTo("admin@portal.test").length === 2, { what: "the admin's two alerts" });
    await jobsSettled(stock.map((n) => n.id));
    expect(mailsTo("ops@portal.test")).toEqual([]);
    // The in-app alerts are not held: they are in the inbox now.
    expect((await ops.call("/api/account/notifications")).body.data.map((n: { type: string }) => n.type).sort()).toEqual(["low_stock", "out_of_stock"]);

    // Not due before the digest hour that follows them; due after it, and then once.
    const at = held[0]!.createdAt;
    expect(await sendDueStockDigests(at)).toBe(0);
    const nextDigest = new Date(digestBoundary(new Date(at.getTime() + 86_400_000), 7).getTime() + 60_000);
    expect(await sendDueStockDigests(nextDigest)).toBe(1);
    expect(await sendDueStockDigests(nextDigest)).toBe(0);
    const mail = await waitFor(async () => mailsTo("ops@portal.test")[0], { what: "the digest" });
    expect(mail.subject).toContain("Stock digest: 1 out of stock, 1 low");
    expect(mail.text).toContain(products[0]!.sku);
    expect(mail.text).toContain(products[1]!.sku);
    expect((await db.notification.findMany({ where: { id: { in: held.map((n) => n.id) } } })).every((n) => n.status === "digested")).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsTo("ops@portal.test")).toHaveLength(1);
  });

  it("digestBoundary is the last digest hour at or before now, in UTC", () => {
    expect(digestBoundary(new Date("2026-12-04T06:59:59Z"), 7).toISOString()).toBe("2026-12-03T07:00:00.000Z");
    expect(digestBoundary(new Date("2026-12-04T07:00:00Z"), 7).toISOString()).toBe("2026-12-04T07:00:00.000Z");
    expect(digestBoundary(new Date("2027-01-01T00:30:00Z"), 7).toISOString()).toBe("2026-12-31T07:00:00.000Z");
  });
});

describe("ops", () => {
  it("resend any of an order's emails: a new delivery with its own Message-ID, on the ops timeline only, no second inbox item", async () => {
    const order = await placeOrder();
    const first = await waitFor(async () => mailsTo("buyer@worldtech.test")[0], { what: "the order_placed email" });
    const n = await db.notification.findFirstOrThrow({ where: { orderId: order.id, email: "buyer@worldtech.test" } });
    const inboxBefore = await db.inboxItem.count({ where: { orderId: order.id } });

    const ops = await signedIn(world.ops.id);
    const owner = await signedIn(world.buyer.id);
    expect((await owner.call(`/api/ops/orders/${order.id}/notifications/${n.id}/resend`, { method: "POST" })).status).toBe(403);
    const other = await placeOrder();
    expect((await ops.call(`/api/ops/orders/${other.id}/notifications/${n.id}/resend`, { method: "POST" })).status).toBe(404);

    const res = await ops.call(`/api/ops/orders/${order.id}/notifications/${n.id}/resend`, { method: "POST" });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ resendOf: n.id, email: "buyer@worldtech.test", type: "order_placed" });
    const again = await waitFor(async () => mailsTo("buyer@worldtech.test").filter((m) => m.subject === first.subject)[1], { what: "the resent email" });
    expect(again.messageId).not.toBe(first.messageId);
    expect(await db.inboxItem.count({ where: { orderId: order.id } })).toBe(inboxBefore);

    const opsView = await ops.call(`/api/ops/orders/${order.id}`);
    expect(opsView.body.timeline.find((e: { type: string }) => e.type === "email_resent")).toMatchObject({
      source: "ops:ops@portal.test",
      message: "order_placed email to buyer@worldtech.test resent",
    });
    expect(opsView.body.emails.find((e: { id: string }) => e.id === res.body.id)).toMatchObject({ resendOfId: n.id });
    const resellerView = await api(`/api/orders/${order.id}`);
    expect(resellerView.body.timeline.map((e: { type: string }) => e.type)).not.toContain("email_resent");
  });

  it("a failed sync tells ops once per outage: an email and every staff inbox, again only after a run succeeded", async () => {
    let clock = Date.now() - 60_000;
    const run = () =>
      db.supplierSyncLog.create({ data: { supplierId: world.supplier.id, type: "stock", status: "running", startedAt: new Date((clock += 1000)) } });
    const fail = async (id: string) =>
      recordSyncFailed({
        syncLogId: id,
        supplierName: "PhoneX",
        kind: "stock",
        data: { status: "error", message: "PhoneX answered 503", finishedAt: new Date() },
      });

    const a = await run();
    await fail(a.id);
    await fail(a.id); // the same run, failing again on resume
    const b = await run();
    await fail(b.id); // the next run of the same outage
    const mails = await db.notification.findMany({ where: { type: "sync_failed" } });
    expect(mails.map((m) => [m.email, m.idempotencyKey])).toEqual([["ops@portal.test", `sync:${a.id}:failed:ops@portal.test`]]);
    expect(await db.inboxItem.findMany({ where: { type: "sync_failed" }, select: { userId: true, url: true } })).toEqual([
      { userId: world.ops.id, url: "/ops/sync" },
    ]);
    const sent = await waitFor(async () => mailsTo("ops@portal.test").find((m) => m.subject.includes("Sync failed")), { what: "the sync email" });
    expect(sent.text).toContain("PhoneX answered 503");

    await db.supplierSyncLog.update({ where: { id: (await run()).id }, data: { status: "success", finishedAt: new Date() } });
    const c = await run();
    await fail(c.id);
    expect(await db.notification.count({ where: { type: "sync_failed" } })).toBe(2);
  });
});
