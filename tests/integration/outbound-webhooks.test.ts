// Outbound webhooks (Standard Webhooks): an order event fans out, in the transaction that wrote
// it, to each subscribed endpoint of the order's company; deliveries are signed and verified here
// with the `standardwebhooks` package (the spec's own library), retried on the published schedule
// (driven by a fake clock), given up after the last, stopped by 410 and by five days of failing,
// and logged attempt by attempt. Resellers' payloads never name our suppliers.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { startSession } from "../../lib/auth/sessions";
import { env } from "../../lib/env";
import { deliverDueWebhooks } from "../../lib/outbound/deliver-webhooks";
import { RETRY_SCHEDULE_MS } from "../../lib/outbound/events";
import { seedApiKey } from "../../prisma/factories";
import { startWorkers } from "../../workers/start-workers";
import { QUEUES } from "../../lib/queue/names";
import { address, api, resetState, seedWorld, waitFor } from "../helpers/harness";
import { signedIn } from "../helpers/signed-in";

type Received = { headers: IncomingHttpHeaders; body: string };
let receiver: Server;
let receiverUrl: string;
let received: Received[] = [];
let answer = 200;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answer, { "content-type": "text/plain" }).end(answer === 200 ? "ok" : "nope");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

let world: Awaited<ReturnType<typeof seedWorld>>;
let owner: (path: string, init?: Parameters<typeof api>[1]) => ReturnType<typeof api>;
beforeEach(async () => {
  await resetState();
  received = [];
  answer = 200;
  world = await seedWorld({ products: 1 });
  const sid = await startSession(world.buyer.id, "vitest");
  const cookie = `next-auth.session-token=${await encode({ token: { sub: world.buyer.id, uid: world.buyer.id, sid }, secret: env().AUTH_SECRET })}`;
  owner = (path, init = {}) => api(path, { ...init, key: null, headers: { ...(init.headers as object), cookie } });
});

const placeOrder = () =>
  api("/api/orders", {
    method: "POST",
    headers: { "Idempotency-Key": randomUUID() },
    json: { items: [{ sku: world.skus[0], quantity: 1 }], shippingAddress: address, reference: "PO-HOOK-1" },
  });
async function endpoint(events: string[]) {
  const res = await owner("/api/account/webhooks", { method: "POST", json: { url: receiverUrl, events } });
  expect(res.status).toBe(201);
  expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
  return res.body as { id: string; secret: string };
}
/** The order's status changes as the status model writes it: a timeline entry (the fan-out's source). */
const statusChanged = (orderId: string, orderStatus: "shipped" | "processing") =>
  db.orderEvent.create({ data: { orderId, type: "order_status_changed", orderStatus, source: "webhook:phonex", message: `Order is now ${orderStatus}` } });

describe("fan-out and signing", () => {
  it("order.created and order.shipped reach the endpoint, signed (verified by standardwebhooks), with the PO and a growing sequence", async () => {
    const ep = await endpoint(["order.created", "order.shipped"]);
    const placed = await placeOrder();
    expect(placed.status).toBe(201);
    await statusChanged(placed.body.id, "processing"); // order.updated only: not subscribed
    await statusChanged(placed.body.id, "shipped");
    expect((await deliverDueWebhooks()).delivered).toBe(2);

    const wh = new Webhook(ep.secret);
    const events = received.map((r) => wh.verify(r.body, r.headers as Record<string, string>) as { type: string; data: Record<string, unknown> });
    expect(events.map((e) => e.type).sort()).toEqual(["order.created", "order.shipped"]);
    const created = events.find((e) => e.type === "order.created")!;
    const shipped = events.find((e) => e.type === "order.shipped")!;
    expect(created.data).toMatchObject({ orderId: placed.body.id, reference: "PO-HOOK-1" });
    expect(shipped.data.sequence as number).toBeGreaterThan(created.data.sequence as number);
    // Resellers never see our sourcing.
    for (const r of received) expect(r.body.toLowerCase()).not.toContain("phonex");
    // A tampered body does not verify.
    expect(() => wh.verify(received[0]!.body.replace("PO-HOOK-1", "PO-HOOK-2"), received[0]!.headers as Record<string, string>)).toThrow();
    // Delivered once: another pass sends nothing.
    expect((await deliverDueWebhooks()).attempted).toBe(0);
    expect(received).toHaveLength(2);
  });

  it("each step of an offer is an offer.* event for the endpoints subscribed to it, signed, in order, with no cost in it", async () => {
    const ep = await endpoint(["offer.created", "offer.countered", "offer.accepted", "offer.ordered"]);
    const ops = await signedIn(world.ops.id);
    const product = await db.product.findUniqueOrThrow({ where: { sku: world.skus[0] } });
    const made = await api("/api/offers", {
      method: "POST",
      headers: { "Idempotency-Key": randomUUID() },
      json: { lines: [{ sku: world.skus[0], quantity: 2, unitPrice: product.price.toString() }], message: "2 at list" },
    });
    expect(made.body.status).toBe("open");
    const counter = await ops.call(`/api/offers/${made.body.id}/counter`, { method: "POST", json: { lines: [{ sku: world.skus[0], quantity: 1 }] } });
    expect(counter.status).toBe(200);
    expect((await api(`/api/offers/${made.body.id}/accept`, { method: "POST" })).status).toBe(200);
    expect((await api(`/api/offers/${made.body.id}/order`, { method: "POST", json: { shippingAddress: address } })).status).toBe(201);
    await placeOrder(); // order.created: not subscribed here
    expect((await deliverDueWebhooks()).delivered).toBe(4);

    const wh = new Webhook(ep.secret);
    const events = received
      .map((r) => wh.verify(r.body, r.headers as Record<string, string>) as { type: string; data: { sequence: number; offerId: string; status: string } })
      .sort((x, y) => x.data.sequence - y.data.sequence);
    expect(events.map((e) => e.type)).toEqual(["offer.created", "offer.countered", "offer.accepted", "offer.ordered"]);
    expect(new Set(events.map((e) => e.data.offerId))).toEqual(new Set([made.body.id]));
    for (const r of received) expect(r.body.toLowerCase()).not.toMatch(/phonex|cost|margin/);
  });

  it("during a rotation both secrets sign, so a receiver with either verifies; then only the new one", async () => {
    const ep = await endpoint(["order.created"]);
    const rotated = await owner(`/api/account/webhooks/${ep.id}/rotate-secret`, { method: "POST", json: { overlapSeconds: 3600 } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(ep.secret);
    await placeOrder();
    await deliverDueWebhooks();
    const [r] = received;
    expect(String(r!.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    new Webhook(ep.secret).verify(r!.body, r!.headers as Record<string, string>);
    new Webhook(rotated.body.secret).verify(r!.body, r!.headers as Record<string, string>);
    expect((await owner(`/api/account/webhooks/${ep.id}/secret`)).body).toMatchObject({ secret: rotated.body.secret, previousSecret: ep.secret });
  });

  it("a test event goes through the same signing and log", async () => {
    const ep = await endpoint(["order.created"]);
    expect((await owner(`/api/account/webhooks/${ep.id}/test`, { method: "POST" })).status).toBe(202);
    await deliverDueWebhooks();
    expect((new Webhook(ep.secret).verify(received[0]!.body, received[0]!.headers as Record<string, string>) as { type: string }).type).toBe("webhook.test");
    const log = await owner(`/api/account/webhooks/${ep.id}/deliveries`);
    expect(log.body.data[0]).toMatchObject({
      eventType: "webhook.test",
      status: "delivered",
      attempts: 1,
      attemptLog: [expect.objectContaining({ statusCode: 200 })],
    });
  });
});

describe("the worker", () => {
  it("delivers on its own: the scheduler's tick drains what is due", async () => {
    const ep = await endpoint(["order.created"]);
    const workers = startWorkers({ queues: [QUEUES.maintenance], concurrency: 2 });
    try {
      await workers.ready;
      const placed = await placeOrder();
      await waitFor(async () => received.length === 1, { what: "the delivery", timeoutMs: 10_000 });
      const event = new Webhook(ep.secret).verify(received[0]!.body, received[0]!.headers as Record<string, string>) as { data: { orderId: string } };
      expect(event.data.orderId).toBe(placed.body.id);
    } finally {
      await workers.close();
    }
  });
});

describe("retries", () => {
  it("follows the published schedule on a fake clock, logs every attempt, and gives up after the last", async () => {
    await endpoint(["order.created"]);
    await placeOrder();
    answer = 500;
    const t0 = new Date(Date.now() + 1000);
    let clock = t0.getTime();
    expect((await deliverDueWebhooks({ now: new Date(clock) })).retrying).toBe(1);
    for (let i = 1; i < RETRY_SCHEDULE_MS.length; i++) {
      const wait = RETRY_SCHEDULE_MS[i]!;
      // Not before its time.
      expect((await deliverDueWebhooks({ now: new Date(clock + wait - 1000) })).attempted).toBe(0);
      clock += wait;
      const r = await deliverDueWebhooks({ now: new Date(clock) });
      expect(r.attempted).toBe(1);
    }
    const m = await db.webhookMessage.findFirstOrThrow({ include: { attemptLog: true } });
    expect(m).toMatchObject({ status: "failed", attempts: RETRY_SCHEDULE_MS.length, lastStatusCode: 500 });
    expect(m.attemptLog.map((a) => a.at.getTime() - t0.getTime())).toEqual(
      RETRY_SCHEDULE_MS.map((_, i) => RETRY_SCHEDULE_MS.slice(1, i + 1).reduce((s, x) => s + x, 0)),
    );
    expect(m.attemptLog.every((a) => a.statusCode === 500 && a.responseExcerpt === "nope")).toBe(true);
    expect(received).toHaveLength(RETRY_SCHEDULE_MS.length);
    // Every retry sent the same bytes under the same id.
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
    expect(new Set(received.map((r) => r.headers["webhook-id"])).size).toBe(1);
  });

  it("a failed delivery is sent again by resend and by recover-since, with the same body and webhook-id", async () => {
    const ep = await endpoint(["order.created"]);
    await placeOrder();
    await placeOrder();
    answer = 500;
    let clock = Date.now() + 1000;
    for (const wait of RETRY_SCHEDULE_MS) {
      clock += wait;
      await deliverDueWebhooks({ now: new Date(clock) });
    }
    expect(await db.webhookMessage.count({ where: { status: "failed" } })).toBe(2);
    const [first, second] = await db.webhookMessage.findMany({ orderBy: { sequence: "asc" } });
    answer = 200;
    received = [];
    const resent = await owner(`/api/account/webhooks/${ep.id}/deliveries/${first!.id}/resend`, { method: "POST" });
    expect(resent.status).toBe(202);
    expect((await deliverDueWebhooks()).delivered).toBe(1);
    expect(received.map((r) => r.headers["webhook-id"])).toEqual([first!.id]);
    expect(received[0]!.body).toBe(first!.payload);

    const recovered = await owner(`/api/account/webhooks/${ep.id}/recover`, { method: "POST", json: { since: new Date(Date.now() - 3600_000).toISOString() } });
    expect(recovered.body).toMatchObject({ requeued: 1 });
    expect((await deliverDueWebhooks()).delivered).toBe(1);
    expect(received.map((r) => r.headers["webhook-id"])).toEqual([first!.id, second!.id]);
    expect((await owner(`/api/account/webhooks/${ep.id}/recover`, { method: "POST", json: { since: "yesterday" } })).status).toBe(422);
    expect((await owner(`/api/account/webhooks/${ep.id}/deliveries/msg_nope/resend`, { method: "POST" })).status).toBe(404);
  });

  it("410 Gone disables the endpoint at once, without retrying", async () => {
    const ep = await endpoint(["order.created"]);
    await placeOrder();
    answer = 410;
    await deliverDueWebhooks();
    expect(await db.webhookMessage.findFirstOrThrow()).toMatchObject({ status: "failed", attempts: 1 });
    expect((await owner(`/api/account/webhooks/${ep.id}`)).body).toMatchObject({ status: "disabled", disabledReason: expect.stringContaining("410") });
    // The company's owner is told, once.
    await deliverDueWebhooks();
    const told = await db.notification.findMany({ where: { type: "webhook_disabled" } });
    expect(told.map((n) => n.email)).toEqual([world.buyer.email]);
    expect(told[0]!.body).toContain(receiverUrl);
    // A disabled endpoint gets no new events; enabling it again starts a clean streak.
    await placeOrder();
    expect(await db.webhookMessage.count()).toBe(1);
    expect((await owner(`/api/account/webhooks/${ep.id}`, { method: "PATCH", json: { enabled: true } })).body).toMatchObject({
      status: "enabled",
      failingSince: null,
    });
  });

  it("five days of failures disable the endpoint; a success in between ends the streak", async () => {
    const ep = await endpoint(["order.created"]);
    await placeOrder();
    answer = 503;
    await deliverDueWebhooks();
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } })).failingSince).not.toBeNull();
    await db.webhookEndpoint.update({ where: { id: ep.id }, data: { failingSince: new Date(Date.now() - 5 * 86400_000 - 60_000) } });
    await deliverDueWebhooks({ now: new Date(Date.now() + RETRY_SCHEDULE_MS[1]! + 100) });
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } })).toMatchObject({ disabledReason: "every delivery failed for 5 days" });
  });
});

describe("who may manage endpoints", () => {
  it("owners and keys with webhooks:manage; not buyers' keys without it; another company's is 404; private URLs refused in production only", async () => {
    const ep = await endpoint(["order.created"]);
    expect((await api("/api/account/webhooks")).status).toBe(403); // the seeded key: orders and catalog only
    const managing = await seedApiKey({ companyId: world.company.id, userId: world.buyer.id, name: "hooks" });
    await db.apiKey.update({ where: { id: managing.id }, data: { scopes: ["webhooks:manage"] } });
    expect((await api("/api/account/webhooks", { key: managing.key })).body.data).toHaveLength(1);
    const other = await db.company.create({ data: { name: "Other", customerId: "other-1" } });
    await db.webhookEndpoint.update({ where: { id: ep.id }, data: { companyId: other.id } });
    expect((await owner(`/api/account/webhooks/${ep.id}`)).status).toBe(404);
    const bad = await owner("/api/account/webhooks", { method: "POST", json: { url: "ftp://example.com/x", events: ["order.created"] } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.url).toBeTruthy();
    const noEvents = await owner("/api/account/webhooks", { method: "POST", json: { url: receiverUrl, events: ["order.exploded"] } });
    expect(Object.keys(noEvents.body.error.fields)[0]).toMatch(/^events/);
  });
});
