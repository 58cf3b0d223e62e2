// POST /api/webhooks/phonex exactly as docs/api.md (PhoneX webhooks), over HTTP, on the real
// database and queue.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { signPhoneX } from "../../lib/suppliers/phonex/signature";
import { startWorkers, type RunningWorkers } from "../../workers/start-workers";
import { address, api, harness, resetState, seedWorld, waitFor } from "../helpers/harness";

const SECRET = () => process.env.PHONEX_WEBHOOK_SECRET!;
let workers: RunningWorkers;
let world: Awaited<ReturnType<typeof seedWorld>>;

beforeAll(() => {
  workers = startWorkers({ concurrency: 4 });
});
afterAll(() => workers.close());
beforeEach(async () => {
  await resetState();
  world = await seedWorld();
  harness().phonex.sim.configure({ autoAdvance: false });
});

type Send = { body?: unknown; raw?: string; eventId?: string | null; ts?: number; signature?: string | null };
async function send(o: Send = {}) {
  const raw = o.raw ?? JSON.stringify(o.body);
  const ts = o.ts ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (o.eventId !== null) headers["x-phonex-event-id"] = o.eventId ?? `evt_${randomUUID()}`;
  headers["x-phonex-timestamp"] = String(ts);
  if (o.signature !== null) headers["x-phonex-signature"] = o.signature ?? signPhoneX(SECRET(), ts, raw);
  const res = await fetch(`${harness().app.url}/api/webhooks/phonex`, { method: "POST", headers, body: raw });
  return { status: res.status, body: await res.json().catch(() => null) };
}

async function placeAndSubmit() {
  const res = await api("/api/orders", {
    method: "POST",
    headers: { "Idempotency-Key": randomUUID() },
    json: { items: [{ sku: world.skus[0], quantity: 1 }], shippingAddress: address },
  });
  await waitFor(async () => (await db.order.findUniqueOrThrow({ where: { id: res.body.id } })).status === "submitted", { what: "submitted" });
  return { id: res.body.id as string, number: res.body.number as string };
}

const statusUpdate = (orderId: string, status: string, extra: Record<string, unknown> = {}) => ({
  event: "order.status_updated",
  order_id: orderId,
  supplier_order_id: "ORD845140",
  status,
  tracking_number: status === "shipped" ? "1Z999AA10123456784" : null,
  carrier: status === "shipped" ? "UPS" : null,
  updated_at: new Date().toISOString(),
  ...extra,
});

describe("PhoneX webhook receiver", () => {
  it("accepts a signed event with 202, stores it raw and applies it from the queue", async () => {
    const o = await placeAndSubmit();
    const r = await send({ body: statusUpdate(o.number, "shipped"), eventId: "evt_ship_1" });
    expect(r.status).toBe(202);
    const row = await db.webhookEvent.findFirstOrThrow({ where: { dedupeKey: "evt_ship_1" } });
    expect(row.verified).toBe(true);
    expect(JSON.parse(row.rawBody!)).toMatchObject({ order_id: o.number, status: "shipped" });
    await waitFor(async () => (await db.order.findUniqueOrThrow({ where: { id: o.id } })).status === "shipped", { what: "shipped" });
    const so = await db.supplierOrder.findFirstOrThrow({ where: { orderId: o.id } });
    expect(so).toMatchObject({ trackingNumber: "1Z999AA10123456784", carrier: "UPS", supplierOrderId: "ORD845140" });
    // The event row is marked once the change is committed (a re-run of the job would find it applied).
    await waitFor(async () => (await db.webhookEvent.findFirstOrThrow({ where: { dedupeKey: "evt_ship_1" } })).outcome === "applied", {
      what: "event marked applied",
    });
  });

  it("the same event sent many times at once (stored together): one 202, the rest duplicates, one row and one job", async () => {
    const o = await placeAndSubmit();
    const raw = JSON.stringify(statusUpdate(o.number, "processing"));
    const ts = Math.floor(Date.now() / 1000);
    const sig = signPhoneX(SECRET(), ts, raw);
    const others = Array.from({ length: 5 }, () => send({ body: statusUpdate(o.number, "processing"), eventId: `evt_${randomUUID()}` }));
    const same = Array.from({ length: 12 }, () => send({ raw, ts, signature: sig, eventId: "evt_burst_same" }));
    const answers = await Promise.all([...same, ...others]);
    const codes = answers.slice(0, 12).map((a) => a.status);
    expect(codes.filter((c) => c === 202)).toHaveLength(1);
    expect(codes.filter((c) => c === 200)).toHaveLength(11);
    expect(answers.slice(12).every((a) => a.status === 202)).toBe(true);
    const rows = await db.webhookEvent.findMany({ where: { dedupeKey: "evt_burst_same", outcome: { not: "duplicate" } } });
    expect(rows).toHaveLength(1);
    expect(await db.outboxMessage.count({ where: { subject: `webhook:${rows[0]!.id}` } })).toBe(1);
    expect(answers[codes.indexOf(202)]!.body).toMatchObject({ received: true, id: rows[0]!.id });
  });

  it("answers a duplicate event id with 200 and changes nothing", async () => {
    const o = await placeAndSubmit();
    const body = statusUpdate(o.number, "processing");
    expect((await send({ body, eventId: "evt_dup" })).status).toBe(202);
    await waitFor(async () => (await db.order.findUniqueOrThrow({ where: { id: o.id } })).status === "processing");
    const notEmail = { orderId: o.id, type: { not: "email_sent" } };
    const events = await db.orderEvent.count({ where: notEmail });
    const second = await send({ body, eventId: "evt_dup" });
    expect(second.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(await db.orderEvent.count({ where: notEmail })).toBe(events);
    expect(await db.webhookEvent.count({ where: { dedupeKey: "evt_dup" } })).toBe(1);
    expect(await db.notification.count({ where: { orderId: o.id, type: "order_processing" } })).toBe(2);
  });

  it("rejects bad, missing and stale signatures with 401 and logs them without the body", async () => {
    const body = statusUpdate("PXSTKL0000001", "shipped");
    expect((await send({ body, signature: "v1=" + "0".repeat(64) })).status).toBe(401);
    expect((await send({ body, signature: null })).status).toBe(401);
    const old = Math.floor(Date.now() / 1000) - 301;
    expect((await send({ body, ts: old })).status).toBe(401);
    const future = Math.floor(Date.now() / 1000) + 301;
    expect((await send({ body, ts: future })).status).toBe(401);
    const raw = JSON.stringify(body);
    const ts = Math.floor(Date.now() / 1000);
    expect((await send({ raw: raw.replace("shipped", "delivered"), ts, signature: signPhoneX(SECRET(), ts, raw) })).status).toBe(401);
    const rows = await db.webhookEvent.findMany({ where: { httpStatus: 401 } });
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.rawBody === null && !r.verified && r.outcome === "rejected")).toBe(true);
  });

  it("accepts any matching entry while the secret rotates", async () => {
    const o = await placeAndSubmit();
    const raw = JSON.stringify(statusUpdate(o.number, "accepted"));
    const ts = Math.floor(Date.now() / 1000);
    const header = `${signPhoneX("old-secret-no-longer-ours", ts, raw)},${signPhoneX(SECRET(), ts, raw)}`;
    expect((await send({ raw, ts, signature: header })).status).toBe(202);
  });

  it("answers 400 to a validly signed but malformed body, and 413 over 256 KiB", async () => {
    expect((await send({ raw: "{not json" })).status).toBe(400);
    expect((await send({ body: { event: "order.status_updated", order_id: 12 } })).status).toBe(400);
    const big = await send({ body: { ...statusUpdate("PX1", "shipped"), pad: "x".repeat(260 * 1024) } });
    expect(big.status).toBe(413);
  });

  it("keeps and flags an event for an order we do not know", async () => {
    const r = await send({ body: statusUpdate("PXSTKL9999999", "shipped"), eventId: "evt_unknown" });
    expect(r.status).toBe(202);
    await waitFor(async () => (await db.webhookEvent.findFirst({ where: { dedupeKey: "evt_unknown", outcome: "unknown_order" } })) !== null);
    const row = await db.webhookEvent.findFirstOrThrow({ where: { dedupeKey: "evt_unknown" } });
    expect(row.flagged).toBe(true);
    expect(row.rawBody).toContain("PXSTKL9999999");
  });

  it("records a late event on the timeline without moving the status backwards", async () => {
    const o = await placeAndSubmit();
    await send({ body: statusUpdate(o.number, "shipped") });
    await waitFor(async () => (await db.order.findUniqueOrThrow({ where: { id: o.id } })).status === "shipped");
    await send({ body: statusUpdate(o.number, "processing") });
    await waitFor(async () => (await db.orderEvent.count({ where: { orderId: o.id, type: "status_ignored" } })) === 1, { what: "ignored event" });
    expect((await db.order.findUniqueOrThrow({ where: { id: o.id } })).status).toBe("shipped");
    expect(await db.notification.count({ where: { orderId: o.id, type: "order_processing" } })).toBe(0);
  });

  it("applies rejection with its reason and emails the reseller, without a reason that names our supplier", async () => {
    const reject = async (reason: string) => {
      const o = await placeAndSubmit();
      await send({
        body: { event: "order.rejected", order_id: o.number, supplier_order_id: null, status: "rejected", reason, updated_at: new Date().toISOString() },
      });
      await waitFor(async () => (await db.order.findUniqueOrThrow({ where: { id: o.id } })).status === "rejected");
      // Ops see the supplier's words on the timeline.
      expect((await db.orderEvent.findMany({ where: { orderId: o.id } })).some((e) => e.message?.includes(reason))).toBe(true);
      return harness().mail.waitFor((m) => m.subject.includes(o.number) && /reject/i.test(m.subject), 10_000);
    };
    expect((await reject("Grade A sold out")).text).toContain("Grade A sold out");
    const named = await reject("Grade A sold out at WesellCellular");
    expect(named.text).not.toMatch(/WesellCellular/i);
    expect(named.text).toContain("The supplier could not fill this order");
  });
});
