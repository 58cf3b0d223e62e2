// The ops webhook log (issue 14 point 2) over HTTP, on the real database, queue, workers and the
// PhoneX simulator: every outcome is logged (applied, duplicate, ignored as older, flagged,
// rejected with its headers and no body), the filters, replays that change nothing and say so,
// replays of a filtered set, and a flagged event attached to an order by hand and applied.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { signPhoneX } from "../../lib/suppliers/phonex/signature";
import { REJECTED_PER_MINUTE } from "../../lib/webhooks/receive-webhook";
import { pruneRejectedWebhooks } from "../../lib/webhooks/prune-rejected-webhooks";
import { startWorkers, type RunningWorkers } from "../../workers/start-workers";
import { address, api, harness, resetState, seedWorld, waitFor } from "../helpers/harness";
import { signedIn } from "../helpers/signed-in";

const SECRET = () => process.env.PHONEX_WEBHOOK_SECRET!;
let workers: RunningWorkers;
let world: Awaited<ReturnType<typeof seedWorld>>;
let ops: Awaited<ReturnType<typeof signedIn>>["call"];

beforeAll(() => {
  workers = startWorkers({ concurrency: 4 });
});
afterAll(() => workers.close());
beforeEach(async () => {
  await resetState();
  world = await seedWorld();
  harness().phonex.sim.configure({ autoAdvance: false });
  ops = (await signedIn(world.ops.id)).call;
});

type Send = { body: unknown; eventId?: string; signature?: string };
async function send(o: Send) {
  const raw = JSON.stringify(o.body);
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(`${harness().app.url}/api/webhooks/phonex`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "PhoneX-Webhooks/1.0",
      "x-phonex-event-id": o.eventId ?? `evt_${randomUUID()}`,
      "x-phonex-timestamp": String(ts),
      "x-phonex-signature": o.signature ?? signPhoneX(SECRET(), ts, raw),
    },
    body: raw,
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

const statusUpdate = (reference: string, status: string, at = new Date()) => ({
  event: "order.status_updated",
  order_id: reference,
  supplier_order_id: "ORD845140",
  status,
  tracking_number: status === "shipped" ? "1Z999AA10123456784" : null,
  carrier: status === "shipped" ? "UPS" : null,
  updated_at: at.toISOString(),
});

async function placeAndSubmit() {
  const res = await api("/api/orders", {
    method: "POST",
    headers: { "Idempotency-Key": randomUUID() },
    json: { items: [{ sku: world.skus[0], quantity: 1 }], shippingAddress: address },
  });
  await waitFor(async () => (await db.order.findUniqueOrThrow({ where: { id: res.body.id } })).status === "submitted", { what: "submitted" });
  return { id: res.body.id as string, number: res.body.number as string };
}

const outcomeOf = async (eventId: string) => (await db.webhookEvent.findFirst({ where: { dedupeKey: eventId }, select: { outcome: true } }))?.outcome;
const settled = (eventId: string, outcome: string) => waitFor(async () => (await outcomeOf(eventId)) === outcome, { what: `${eventId} ${outcome}` });
/** What the order's timeline and emails hold (a replay must not add to them; emails' own "sent" entries come when they go). */
const footprint = async (orderId: string) => ({
  events: await db.orderEvent.count({ where: { orderId, type: { not: "email_sent" } } }),
  emails: await db.notification.count({ where: { orderId } }),
  status: (await db.order.findUniqueOrThrow({ where: { id: orderId } })).status,
});

describe("the webhook log", () => {
  it("logs every outcome with its reason, headers and latency, and filters by supplier, outcome, order, time and verified", async () => {
    const o = await placeAndSubmit();
    expect((await send({ body: statusUpdate(o.number, "shipped"), eventId: "evt_ship" })).status).toBe(202);
    await settled("evt_ship", "applied");
    expect((await send({ body: statusUpdate(o.number, "shipped"), eventId: "evt_ship" })).status).toBe(200);
    expect((await send({ body: statusUpdate(o.number, "processing", new Date(Date.now() - 60_000)), eventId: "evt_late" })).status).toBe(202);
    await settled("evt_late", "ignored");
    expect((await send({ body: statusUpdate("PXSTKL9999999", "shipped"), eventId: "evt_unknown" })).status).toBe(202);
    await settled("evt_unknown", "unknown_order");
    expect((await send({ body: statusUpdate(o.number, "delivered"), eventId: "evt_forged", signature: "v1=" + "0".repeat(64) })).status).toBe(401);

    const all = await ops("/api/ops/webhooks");
    expect(all.status).toBe(200);
    const rows = all.body.data as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(rows.map((r) => r.outcome).sort()).toEqual(["applied", "duplicate", "ignored", "rejected", "unknown_order"]);
    const by = (outcome: string) => rows.find((r) => r.outcome === outcome)!;
    expect(by("applied")).toMatchObject({ verified: true, eventId: "evt_ship", eventType: "order.status_updated", order: { id: o.id, number: o.number } });
    expect(by("applied").supplier).toMatchObject({ slug: "phonex", name: "PhoneX" });
    expect(by("applied").latencyMs).toBeGreaterThanOrEqual(0);
    expect(by("duplicate").reason).toContain("duplicate of event evt_ship");
    expect(by("ignored").reason).toMatch(/status not applied/);
    expect(by("unknown_order")).toMatchObject({ flagged: true, canAttach: true, reason: expect.stringContaining("PXSTKL9999999") });
    expect(by("rejected")).toMatchObject({ verified: false, httpStatus: 401, canReplay: false, canAttach: false, latencyMs: null });
    expect(by("rejected").reason).toMatch(/signature/i);

    // The rejected request: headers kept (the signature only as present), no body.
    const rejected = await ops(`/api/ops/webhooks/${by("rejected").id}`);
    expect(rejected.body.headers).toMatchObject({ "content-type": "application/json", "user-agent": "PhoneX-Webhooks/1.0", "x-phonex-signature": "[present]" });
    expect(JSON.stringify(rejected.body.headers)).not.toContain("0000000000");
    expect(rejected.body.rawBody).toBeNull();
    expect(rejected.body.body).toBeNull();
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: by("rejected").id } })).rawBody).toBeNull();
    // A verified one: its raw body, parsed for reading.
    const applied = await ops(`/api/ops/webhooks/${by("applied").id}`);
    expect(applied.body.body).toMatchObject({ order_id: o.number, status: "shipped" });
    expect(JSON.parse(applied.body.rawBody)).toMatchObject({ status: "shipped" });
    expect(applied.body.history[0]).toMatchObject({ kind: "received", message: "answered HTTP 202" });

    const outcomes = async (q: string) => ((await ops(`/api/ops/webhooks?${q}`)).body.data as { outcome: string }[]).map((r) => r.outcome).sort();
    expect(await outcomes("outcome=rejected")).toEqual(["rejected"]);
    expect(await outcomes("outcome=flagged")).toEqual(["unknown_order"]);
    expect(await outcomes("verified=false")).toEqual(["rejected"]);
    expect(await outcomes(`orderId=${o.number}`)).toEqual(["applied", "duplicate", "ignored"]);
    expect(await outcomes(`orderId=${o.id}&outcome=applied`)).toEqual(["applied"]);
    expect(await outcomes("supplier=phonex")).toHaveLength(5);
    expect(await outcomes("supplier=cj")).toEqual([]);
    expect(await outcomes(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
    expect(await outcomes(`to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toHaveLength(5);
    // Keyset paging: newest first, two at a time, every row once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: string }[]; nextCursor: string | null } } = await ops(`/api/ops/webhooks?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.body.data.map((r) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(rows.map((r) => r.id));
    // Bad filters are 422 naming the field.
    const bad = await ops("/api/ops/webhooks?outcome=nope&from=yesterday");
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["from", "outcome"]);
    expect((await ops("/api/ops/webhooks?cursor=!!")).status).toBe(422);
    expect((await ops(`/api/ops/webhooks/${randomUUID()}`)).status).toBe(404);
  });

  it("a replay of an applied event changes nothing and says so: duplicate, timeline unchanged, audited", async () => {
    const o = await placeAndSubmit();
    await send({ body: statusUpdate(o.number, "shipped"), eventId: "evt_once" });
    await settled("evt_once", "applied");
    await waitFor(async () => (await db.notification.count({ where: { orderId: o.id, type: "order_shipped" } })) > 0, { what: "shipped email" });
    const ev = await db.webhookEvent.findFirstOrThrow({ where: { dedupeKey: "evt_once" } });
    const before = await footprint(o.id);

    const r = await ops(`/api/ops/webhooks/${ev.id}/replay`, { method: "POST" });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ id: ev.id, previousOutcome: "applied", outcome: "duplicate", message: "duplicate: already applied" });
    await new Promise((res) => setTimeout(res, 300));
    expect(await footprint(o.id)).toEqual(before);
    const row = await db.webhookEvent.findUniqueOrThrow({ where: { id: ev.id } });
    expect(row).toMatchObject({ outcome: "applied", replays: 1, lastReplayOutcome: "duplicate: already applied" });
    expect(row.processedAt).toEqual(ev.processedAt);
    // The log row and its history say so.
    const listed = await ops(`/api/ops/webhooks?orderId=${o.number}`);
    expect(listed.body.data[0]).toMatchObject({ id: ev.id, outcome: "applied", replays: 1, lastReplayOutcome: "duplicate: already applied" });
    const detail = await ops(`/api/ops/webhooks/${ev.id}`);
    expect(detail.body.history[1]).toMatchObject({ kind: "replay", actor: "ops@portal.test", previousOutcome: "applied", outcome: "duplicate" });
    // Through the normal path: one processing job per replay, through the outbox, finished.
    expect(await db.outboxMessage.count({ where: { subject: `webhook:${ev.id}`, status: "done" } })).toBe(2);
    const audit = await db.auditEntry.findMany({ where: { action: "webhook.replayed", entityId: ev.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entityType: "webhook_event", actorEmail: "ops@portal.test", companyId: world.company.id });

    // Twice is the same: nothing changes.
    expect((await ops(`/api/ops/webhooks/${ev.id}/replay`, { method: "POST" })).body.outcome).toBe("duplicate");
    expect(await footprint(o.id)).toEqual(before);
    // A rejected request has nothing to replay.
    await send({ body: statusUpdate(o.number, "delivered"), signature: "v1=" + "1".repeat(64) });
    const rejected = await db.webhookEvent.findFirstOrThrow({ where: { outcome: "rejected" } });
    expect((await ops(`/api/ops/webhooks/${rejected.id}/replay`, { method: "POST" })).status).toBe(409);
    expect((await ops(`/api/ops/webhooks/${ev.id}/replay`, { method: "POST", json: { waitMs: "soon" } })).status).toBe(422);
  });

  it("replays a filtered set: applied ones change nothing, a flagged one goes through processing again", async () => {
    const o = await placeAndSubmit();
    await send({ body: statusUpdate(o.number, "accepted"), eventId: "evt_a" });
    await settled("evt_a", "applied");
    await send({ body: statusUpdate(o.number, "shipped"), eventId: "evt_b" });
    await settled("evt_b", "applied");
    await send({ body: statusUpdate("PXSTKL9999999", "shipped"), eventId: "evt_lost" });
    await settled("evt_lost", "unknown_order");
    const before = await footprint(o.id);

    const r = await ops("/api/ops/webhooks/replay", { method: "POST", json: { orderId: o.number } });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ replayed: 2, done: 2, duplicates: 2, more: false });
    expect(r.body.results.map((x: { message: string }) => x.message)).toEqual(["duplicate: already applied", "duplicate: already applied"]);
    expect(await footprint(o.id)).toEqual(before);

    // The flagged one: processed again (still no such order: flagged again, and says so).
    const f = await ops("/api/ops/webhooks/replay", { method: "POST", json: { outcome: "flagged" } });
    expect(f.body).toMatchObject({ replayed: 1, done: 1 });
    expect(f.body.results[0]).toMatchObject({
      previousOutcome: "unknown_order",
      outcome: "unknown_order",
      message: expect.stringMatching(/^flagged: unknown order/),
    });
    expect(await outcomeOf("evt_lost")).toBe("unknown_order");
    expect(await db.auditEntry.count({ where: { action: "webhook.replayed" } })).toBe(3);
    // Bounded: at most 500 a call.
    const big = await ops("/api/ops/webhooks/replay", { method: "POST", json: { limit: 501 } });
    expect(big.status).toBe(422);
    expect(big.body.error.fields).toHaveProperty("limit");
  });

  it("a flagged event attached to an order by hand is applied: the status moves and the timeline says so", async () => {
    const o = await placeAndSubmit();
    // The supplier named a reference we do not know (a typo on their side).
    await send({ body: { ...statusUpdate("PXSTKL-TYPO-1", "shipped"), supplier_order_id: null }, eventId: "evt_typo" });
    await settled("evt_typo", "unknown_order");
    const ev = await db.webhookEvent.findFirstOrThrow({ where: { dedupeKey: "evt_typo" } });
    expect((await db.order.findUniqueOrThrow({ where: { id: o.id } })).status).toBe("submitted");

    // Wrong input: 422 naming the field; an event that is not flagged: 409.
    const unknown = await ops(`/api/ops/webhooks/${ev.id}/attach`, { method: "POST", json: { orderId: "PXSTKL0000000" } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields).toHaveProperty("orderId");
    expect((await ops(`/api/ops/webhooks/${ev.id}/attach`, { method: "POST", json: {} })).status).toBe(422);

    const r = await ops(`/api/ops/webhooks/${ev.id}/attach`, { method: "POST", json: { orderId: o.number } });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ id: ev.id, previousOutcome: "unknown_order", outcome: "applied", order: { id: o.id, number: o.number } });
    const order = await db.order.findUniqueOrThrow({ where: { id: o.id }, include: { supplierOrders: true, events: { orderBy: { createdAt: "asc" } } } });
    expect(order.status).toBe("shipped");
    expect(order.supplierOrders[0]).toMatchObject({ status: "shipped", trackingNumber: "1Z999AA10123456784", carrier: "UPS" });
    expect(order.events.some((e) => e.type === "webhook_attached" && e.source === "ops:ops@portal.test")).toBe(true);
    expect(order.events.some((e) => e.type === "status_changed" && e.status === "shipped" && e.source === "webhook:phonex")).toBe(true);
    const row = await db.webhookEvent.findUniqueOrThrow({ where: { id: ev.id } });
    expect(row).toMatchObject({ outcome: "applied", orderId: o.id, flagged: false, attachedSupplierOrderId: order.supplierOrders[0]!.id });
    expect(await db.auditEntry.count({ where: { action: "webhook.attached", entityId: ev.id, companyId: world.company.id } })).toBe(1);
    // The reseller sees the shipment, not how ops got it there.
    const mine = await api(`/api/orders/${o.id}`);
    expect(mine.body.status).toBe("shipped");
    expect(JSON.stringify(mine.body.timeline)).not.toMatch(/attached|webhook_attached|evt_typo/);
    // Applied now: attaching again is refused, a replay changes nothing.
    expect((await ops(`/api/ops/webhooks/${ev.id}/attach`, { method: "POST", json: { orderId: o.number } })).status).toBe(409);
    const before = await footprint(o.id);
    expect((await ops(`/api/ops/webhooks/${ev.id}/replay`, { method: "POST" })).body.message).toBe("duplicate: already applied");
    expect(await footprint(o.id)).toEqual(before);
  });

  it("rejected requests are kept at most REJECTED_PER_MINUTE a minute per supplier, and pruned after 7 days", async () => {
    const answers = await Promise.all(
      Array.from({ length: REJECTED_PER_MINUTE + 15 }, () => send({ body: statusUpdate("PXSTKL0000001", "shipped"), signature: "v1=" + "2".repeat(64) })),
    );
    expect(answers.every((a) => a.status === 401)).toBe(true);
    const kept = await db.webhookEvent.count({ where: { outcome: "rejected" } });
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(REJECTED_PER_MINUTE);

    const old = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    await db.webhookEvent.updateMany({ where: { outcome: "rejected" }, data: { receivedAt: old } });
    const o = await placeAndSubmit();
    await send({ body: statusUpdate(o.number, "accepted"), eventId: "evt_keep" });
    await settled("evt_keep", "applied");
    await db.webhookEvent.updateMany({ where: { dedupeKey: "evt_keep" }, data: { receivedAt: old } });
    expect(await pruneRejectedWebhooks()).toBe(kept);
    expect(await db.webhookEvent.count({ where: { outcome: "rejected" } })).toBe(0);
    expect(await db.webhookEvent.count({ where: { dedupeKey: "evt_keep" } })).toBe(1);
  });
});
