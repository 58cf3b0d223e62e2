// The exceptions queue (issue 14, point 1): each reason something needs a human is found by the
// scan from Postgres alone (failed forwarding, a status held longer than the supplier's SLA, a
// rejection no other offer took, flagged webhooks, offers and holds about to end), each offers its
// actions (retry, reroute, cancel, resolve with a note), resolved items leave the queue and stay
// on the order's timeline and in the audit log, and the scan runs on the worker's job scheduler.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { scanExceptions } from "../../lib/ops/exceptions/scan-exceptions";
import { seedSupplier } from "../../prisma/factories";
import { startWorkers, type RunningWorkers } from "../../workers/start-workers";
import { address, api, harness, resetState, seedWorld, waitFor } from "../helpers/harness";
import { signedIn } from "../helpers/signed-in";

let world: Awaited<ReturnType<typeof seedWorld>>;
let ops: Awaited<ReturnType<typeof signedIn>>;
beforeEach(async () => {
  await resetState();
  world = await seedWorld({ products: 3 });
  ops = await signedIn(world.ops.id);
});

/** An order of one unit of the n-th product, left pending (no worker forwards it here). */
async function order(n = 0) {
  const res = await api("/api/orders", {
    method: "POST",
    headers: { "Idempotency-Key": randomUUID() },
    json: { items: [{ sku: world.skus[n], quantity: 1 }], shippingAddress: address },
  });
  expect(res.status).toBe(201);
  const so = await db.supplierOrder.findFirstOrThrow({ where: { orderId: res.body.id } });
  return { id: res.body.id as string, number: res.body.number as string, soId: so.id };
}
const queue = async (query = "") => (await ops.call(`/api/ops/exceptions${query}`)).body;
const timeline = async (orderId: string) => (await ops.call(`/api/ops/orders/${orderId}`)).body.timeline as { type: string; message: string }[];

describe("what the scan finds", () => {
  it("a failed forward: in the queue with its reason and order, on the ops timeline only; ops retry it and it leaves the queue", async () => {
    const o = await order();
    await db.supplierOrder.update({ where: { id: o.soId }, data: { status: "failed", lastError: "phonex.createOrder: HTTP 500 after 6 attempts" } });
    expect(await scanExceptions()).toMatchObject({ opened: 1, cleared: 0 });
    expect(await scanExceptions()).toMatchObject({ opened: 0, cleared: 0, found: 1 }); // seen again: still one
    const q = await queue();
    expect(q.counts).toEqual({ open: 1, byKind: { forward_failed: 1 } });
    expect(q.data[0]).toMatchObject({
      kind: "forward_failed",
      label: "Forwarding failed",
      reason: "Forwarding to PhoneX failed: phonex.createOrder: HTTP 500 after 6 attempts",
      actions: ["retry", "reroute", "cancel", "resolve"],
      order: { id: o.id, number: o.number, company: "Worldtech Mobile" },
      supplier: { slug: "phonex" },
    });
    expect((await timeline(o.id)).map((e) => e.type)).toContain("exception_opened");
    const reseller = await api(`/api/orders/${o.id}`);
    expect(JSON.stringify(reseller.body)).not.toMatch(/exception|phonex|HTTP 500/i);
    expect((await ops.call("/api/ops/exceptions/count")).body).toEqual({ open: 1 });

    const retried = await ops.call(`/api/ops/exceptions/${q.data[0].id}/retry`, { method: "POST" });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: "resolved", resolution: "Retried by Sam Ops" });
    expect((await db.supplierOrder.findUniqueOrThrow({ where: { id: o.soId } })).status).toBe("pending");
    expect((await queue()).data).toEqual([]);
    const resolved = await queue("?status=resolved");
    expect(resolved.data[0]).toMatchObject({ kind: "forward_failed", resolvedBy: "ops:ops@portal.test", actions: [] });
    expect((await timeline(o.id)).filter((e) => e.type === "exception_resolved").map((e) => e.message)).toEqual(["Retried by Sam Ops"]);
    const audit = await db.auditEntry.findMany({ where: { action: "exception.resolved", entityId: q.data[0].id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorEmail: "ops@portal.test", actorRole: "ops" });
    // Acting on it again: already resolved.
    expect((await ops.call(`/api/ops/exceptions/${q.data[0].id}/retry`, { method: "POST" })).status).toBe(409);
    expect(await scanExceptions()).toMatchObject({ opened: 0, found: 0 });
  });

  it("a supplier order past its supplier's SLA (configurable per status): found, cleared when the SLA is loosened, back when tightened", async () => {
    const o = await order();
    await db.supplierOrder.update({ where: { id: o.soId }, data: { status: "submitted" } });
    // statusAt is set by the database on the status change.
    const moved = await db.supplierOrder.findUniqueOrThrow({ where: { id: o.soId } });
    expect(Date.now() - moved.statusAt.getTime()).toBeLessThan(60_000);
    await db.supplierOrder.update({ where: { id: o.soId }, data: { statusAt: new Date(Date.now() - 5 * 3600_000 - 60_000) } });
    await scanExceptions();
    expect((await queue()).data[0]).toMatchObject({ kind: "stuck", reason: "Submitted at PhoneX for 5 h (SLA 4 h)", actions: ["cancel", "resolve"] });

    const sla = await ops.call(`/api/ops/suppliers/${world.supplier.id}/sla`);
    expect(sla.body.slas).toContainEqual({ status: "submitted", hours: 4, isDefault: true });
    const bad = await ops.call(`/api/ops/suppliers/${world.supplier.id}/sla`, { method: "PUT", json: { slas: [{ status: "submitted", hours: 0 }] } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toEqual({ "slas.0.hours": "At least 1 hour" });
    const loose = await ops.call(`/api/ops/suppliers/${world.supplier.id}/sla`, { method: "PUT", json: { slas: [{ status: "submitted", hours: 6 }] } });
    expect(loose.body.slas).toContainEqual({ status: "submitted", hours: 6, isDefault: false });
    expect(await scanExceptions()).toMatchObject({ cleared: 1 });
    expect((await queue()).data).toEqual([]);
    expect((await queue("?status=resolved")).data[0]).toMatchObject({ resolvedBy: "system", resolution: expect.stringMatching(/^Cleared/) });
    await ops.call(`/api/ops/suppliers/${world.supplier.id}/sla`, { method: "PUT", json: { slas: [{ status: "submitted", hours: null }] } });
    await scanExceptions();
    expect((await queue()).data.map((e: { kind: string }) => e.kind)).toEqual(["stuck"]);
    expect(await db.auditEntry.count({ where: { action: "supplier.sla_updated" } })).toBe(2);

    // Retry is not one of a stuck order's actions; cancel is.
    const id = (await queue()).data[0].id;
    expect((await ops.call(`/api/ops/exceptions/${id}/retry`, { method: "POST" })).status).toBe(409);
    expect((await ops.call(`/api/ops/exceptions/${id}/explode`, { method: "POST" })).status).toBe(404);
    const canceled = await ops.call(`/api/ops/exceptions/${id}/cancel`, { method: "POST", json: { note: "Supplier silent since yesterday" } });
    expect(canceled.status).toBe(200);
    expect(canceled.body.resolution).toBe("Order canceled by Sam Ops: Supplier silent since yesterday");
    expect((await db.supplierOrder.findUniqueOrThrow({ where: { id: o.soId } })).cancelRequestedAt).not.toBeNull();
  });

  it("a rejection no other offer took: ops reroute it to another supplier that has the lines", async () => {
    const o = await order(1);
    await db.supplierOrder.update({ where: { id: o.soId }, data: { status: "rejected", lastError: "out of stock at the warehouse" } });
    await scanExceptions();
    const e = (await queue()).data[0];
    expect(e).toMatchObject({ kind: "rejected_no_reroute", reason: "PhoneX rejected it and no other supplier could take it: out of stock at the warehouse" });
    // Nowhere to go yet.
    const nowhere = await ops.call(`/api/ops/exceptions/${e.id}/reroute`, { method: "POST" });
    expect(nowhere.status).toBe(409);
    expect(nowhere.body.error).toMatchObject({ reason: "no_offer" });

    const other = await seedSupplier({ slug: "backup", name: "Backup Wholesale", type: "phonex", apiEndpoint: "http://127.0.0.1:9" });
    const product = await db.product.findUniqueOrThrow({ where: { sku: world.skus[1] } });
    const item = await db.orderItem.findFirstOrThrow({ where: { orderId: o.id } });
    await db.supplierOffer.create({
      data: { productId: product.id, supplierId: other.id, supplierSku: "BK-1", cost: item.unitPrice, stock: 10, priority: 50 },
    });
    const moved = await ops.call(`/api/ops/exceptions/${e.id}/reroute`, { method: "POST", json: { note: "Backup has them" } });
    expect(moved.status).toBe(200);
    expect(moved.body.resolution).toBe("Rerouted to backup by Sam Ops: Backup has them");
    const sos = await db.supplierOrder.findMany({ where: { orderId: o.id }, orderBy: { createdAt: "asc" } });
    expect(sos.map((s) => [s.supplierId, s.status, s.movedAt !== null])).toEqual([
      [world.supplier.id, "rejected", true],
      [other.id, "pending", false],
    ]);
    expect(await scanExceptions()).toMatchObject({ opened: 0, found: 0 });
  });

  it("flagged webhooks (unknown order, a contradicting answer) are exceptions until applied", async () => {
    const flagged = (outcome: string, error: string) =>
      db.webhookEvent.create({
        data: {
          source: "phonex",
          supplierId: world.supplier.id,
          eventType: "order.shipped",
          verified: true,
          httpStatus: 202,
          headers: {},
          outcome,
          flagged: true,
          error,
        },
      });
    const unknown = await flagged("unknown_order", "No order PXSTKL9999999 at phonex");
    await flagged("mismatch", "supplier order id SO-2 contradicts SO-1");
    await scanExceptions();
    // Both opened by the same pass, at the same instant: compared in kind order.
    const kinds = (await queue()).data
      .map((e: { kind: string; reason: string }) => [e.kind, e.reason])
      .sort((x: string[], y: string[]) => y[0]!.localeCompare(x[0]!));
    expect(kinds).toEqual([
      ["webhook_unknown_order", "A phonex webhook (order.shipped) for an order we do not know: No order PXSTKL9999999 at phonex"],
      ["supplier_mismatch", "A phonex webhook contradicts our records: supplier order id SO-2 contradicts SO-1"],
    ]);
    // Attached and applied (the webhook log's path): it leaves the queue on the next pass.
    await db.webhookEvent.update({ where: { id: unknown.id }, data: { outcome: "applied", flagged: false } });
    expect(await scanExceptions()).toMatchObject({ cleared: 1 });
    expect((await queue()).data.map((e: { kind: string }) => e.kind)).toEqual(["supplier_mismatch"]);
  });

  it("an offer about to expire unanswered, and a hold about to end; resolving by hand needs a note and is not reopened", async () => {
    const offer = await api("/api/offers", {
      method: "POST",
      headers: { "Idempotency-Key": randomUUID() },
      json: { lines: [{ sku: world.skus[0], quantity: 1, unitPrice: "1.00" }] },
    });
    expect(offer.body.status).toBe("open");
    await db.offer.update({ where: { id: offer.body.id }, data: { expiresAt: new Date(Date.now() + 2 * 3600_000) } });
    await scanExceptions();
    const e = (await queue()).data[0];
    expect(e).toMatchObject({ kind: "offer_expiring", offer: { id: offer.body.id, number: offer.body.number, status: "open" }, actions: ["resolve"] });
    expect(e.reason).toMatch(new RegExp(`^Offer ${offer.body.number} from Worldtech Mobile expires unanswered at `));
    const noNote = await ops.call(`/api/ops/exceptions/${e.id}/resolve`, { method: "POST" });
    expect(noNote.status).toBe(422);
    expect(noNote.body.error.fields).toEqual({ note: "Required to resolve by hand" });
    expect((await ops.call(`/api/ops/exceptions/${e.id}/resolve`, { method: "POST", json: { note: "Buyer called: let it lapse" } })).status).toBe(200);
    expect(await scanExceptions()).toMatchObject({ opened: 0, found: 1 });
    expect((await queue()).data).toEqual([]);

    await db.offer.update({ where: { id: offer.body.id }, data: { status: "accepted", holdUntil: new Date(Date.now() + 3600_000) } });
    await scanExceptions();
    expect((await queue()).data.map((x: { kind: string }) => x.kind)).toEqual(["hold_expiring"]);
  });

  it("is for staff only", async () => {
    const owner = await signedIn(world.buyer.id);
    expect((await owner.call("/api/ops/exceptions")).status).toBe(403);
    expect((await api("/api/ops/exceptions/count")).status).toBe(403);
    expect((await owner.call(`/api/ops/suppliers/${world.supplier.id}/sla`)).status).toBe(403);
    expect((await ops.call("/api/ops/exceptions?kind=nope")).status).toBe(422);
  });
});

describe("on the worker's schedule", () => {
  let workers: RunningWorkers | null = null;
  beforeAll(() => {
    workers = startWorkers({ concurrency: 2 });
  });
  afterAll(async () => {
    await workers?.close();
  });

  it("finds a forward that failed at the supplier without being asked", async () => {
    harness().phonex.sim.configure({ failureRate: 1, autoAdvance: false });
    try {
      const o = await order(2);
      await waitFor(async () => (await db.supplierOrder.findUniqueOrThrow({ where: { id: o.soId } })).status === "failed", {
        what: "the forward to fail",
        timeoutMs: 30_000,
      });
      await waitFor(async () => (await db.opsException.count({ where: { orderId: o.id, status: "open", kind: "forward_failed" } })) === 1, {
        what: "the scheduled scan",
        timeoutMs: 20_000,
      });
    } finally {
      harness().phonex.sim.configure({ failureRate: 0, autoAdvance: true });
    }
  });
});
