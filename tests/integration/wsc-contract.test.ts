// WesellCellular direct, held to its contract (docs/suppliers.md (WesellCellular)) end to end, on
// real Postgres/Redis with the workers and the WSC simulator, which serves
// exactly the contract (an undefined route is a 404) and logs every request:
// - an order routed to WSC is created with POST /sales-orders and followed
//   Pending → Confirmed → Picking → Shipped purely by polling
//   GET /sales-orders/{salesOrderId} (WSC sends no webhooks), and stays shipped
//   when WSC says no more (Shipped is as far as the contract goes); a Delivered the server
//   may add is still read;
// - a cancellation is refused on the timeline (the contract has no cancel), nothing
//   undefined is asked of WSC, and an order WSC itself cancelled is polled in;
// - and in both, no request the contract does not define was ever made.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import type { WscRequestLogEntry } from "../../dev/simulators/wesellcellular/simulator";
import { seedProduct } from "../../prisma/factories";
import { startWorkers, type RunningWorkers } from "../../workers/start-workers";
import { address, api, harness, resetState, seedOtherSuppliers, seedWorld, waitFor } from "../helpers/harness";

let workers: RunningWorkers;

beforeAll(() => {
  workers = startWorkers({ concurrency: 4 });
});
afterAll(() => workers.close());
beforeEach(async () => {
  await resetState();
  await seedWorld({ products: 0 });
  const { wsc } = await seedOtherSuppliers();
  await seedProduct(wsc.id, {
    sku: "IPHONE15PRO-256GB-A",
    name: "iPhone 15 Pro 256GB Grade A",
    brand: "Apple",
    model: "iPhone 15 Pro",
    storage: "256GB",
    color: "Natural Titanium",
    grade: "A",
    supplierSku: "WSC-100401",
    cost: 789,
    price: 884,
    stock: 8,
    priority: 1,
  });
  // The test moves the order itself, one step per poll seen, and the simulator is strictly the contract.
  harness().wsc.sim.configure({ autoAdvance: false, reportDelivered: false });
});

/** What the contract defines, written out here rather than taken from the simulator, so the two are checked against each other. */
const CONTRACT: { method: string; path: RegExp; query: string[] }[] = [
  { method: "POST", path: /^\/auth\/login$/, query: [] },
  { method: "GET", path: /^\/stocklist\/items$/, query: ["includeOutOfStock", "page", "pageSize"] },
  { method: "POST", path: /^\/sales-orders$/, query: [] },
  { method: "GET", path: /^\/sales-orders\/[^/]+$/, query: [] },
];
const inContract = (r: WscRequestLogEntry) =>
  CONTRACT.some((c) => c.method === r.method && c.path.test(r.path) && [...new URLSearchParams(r.search).keys()].every((k) => c.query.includes(k)));
const contractRequests = () => harness().wsc.sim.state.requests.filter((r) => !r.admin);
const reads = () => contractRequests().filter((r) => r.method === "GET" && r.path.startsWith("/sales-orders/"));

function expectOnlyContractRequests(salesOrderId: string) {
  const asked = contractRequests();
  expect(asked.filter((r) => !inContract(r)).map((r) => `${r.method} ${r.path}${r.search}`)).toEqual([]);
  // Nothing WSC could not answer (a 404 or 400 would mean we asked for something it does not serve).
  expect(asked.filter((r) => r.status === 400 || r.status === 404)).toEqual([]);
  // Every read names the order by the salesOrderId the create returned, never by our reference.
  expect(new Set(reads().map((r) => r.path))).toEqual(new Set([`/sales-orders/${encodeURIComponent(salesOrderId)}`]));
  expect(asked.filter((r) => r.method === "POST" && r.path === "/sales-orders")).toHaveLength(1);
}

const place = () =>
  api("/api/orders", {
    method: "POST",
    headers: { "Idempotency-Key": randomUUID() },
    json: { items: [{ sku: "IPHONE15PRO-256GB-A", quantity: 1 }], shippingAddress: address, reference: "PO-WSC" },
  });

/** The order placed, forwarded to WSC and acknowledged there: our supplier order and WSC's. */
async function placeAtWsc() {
  const res = await place();
  expect(res.status).toBe(201);
  const orderId = res.body.id as string;
  expect((await db.supplierOrder.findFirstOrThrow({ where: { orderId }, select: { supplier: { select: { slug: true } } } })).supplier.slug).toBe(
    "wesellcellular",
  );
  const so = await waitFor(
    async () => {
      const row = await db.supplierOrder.findFirst({ where: { orderId } });
      return row && row.status !== "pending" ? row : null;
    },
    { what: "forwarded to WesellCellular" },
  );
  const simOrder = harness().wsc.sim.find(so.id);
  expect(simOrder, "WSC has the order under our supplier-order id as its reference").toBeTruthy();
  return { orderId, so, simOrder: simOrder! };
}

const supplierOrder = (id: string) => db.supplierOrder.findUniqueOrThrow({ where: { id } });

/** Wait until the poller has read the order again (at least `n` more GETs /sales-orders/{id}). */
async function morePolls(n: number) {
  const before = reads().length;
  await waitFor(async () => reads().length >= before + n, { what: `${n} more polls` });
}

it("is created with POST /sales-orders and followed to Shipped purely by polling GET /sales-orders/{id}", async () => {
  const { sim } = harness().wsc;
  const { orderId, so, simOrder } = await placeAtWsc();
  expect(so.status).toBe("submitted");
  // The id the create returned is the one we keep, and WSC answered exactly one create.
  expect(so.supplierOrderId).toBe(simOrder.salesOrderId);
  expect(simOrder.reference).toBe(so.id);
  expect([...sim.state.createdByReference.values()]).toEqual([1]);
  const created = contractRequests().filter((r) => r.method === "POST" && r.path === "/sales-orders");
  expect(created.map((r) => r.status)).toEqual([201]);

  // Pending: polled, nothing changes.
  await morePolls(2);
  expect((await supplierOrder(so.id)).status).toBe("submitted");

  // Each step WSC takes is seen by a poll, in order.
  for (const [step, ours] of [
    ["Confirmed", "accepted"],
    ["Picking", "processing"],
    ["Shipped", "shipped"],
  ] as const) {
    expect(sim.advance(simOrder)).toBe(step);
    await waitFor(async () => (await supplierOrder(so.id)).status === ours, { what: `${step} → ${ours} by polling`, timeoutMs: 10_000 });
  }
  const shipped = await supplierOrder(so.id);
  expect(shipped.trackingNumber).toBe(simOrder.trackingNumbers[0]);
  expect(shipped.trackingNumber).toMatch(/^1Z999AA1\d{10}$/);

  // Every status after the create came from the poller, none inferred by skipping a step.
  const changes = await db.orderEvent.findMany({ where: { supplierOrderId: so.id, type: "status_changed" }, orderBy: { createdAt: "asc" } });
  expect(changes.map((e) => [e.status, e.source])).toEqual([
    ["submitted", "worker"],
    ["accepted", "poll:wesellcellular"],
    ["processing", "poll:wesellcellular"],
    ["shipped", "poll:wesellcellular"],
  ]);
  expect(changes.some((e) => (e.data as { inferred?: boolean } | null)?.inferred)).toBe(false);
  expect(await db.webhookEvent.count()).toBe(0);

  // Shipped is as far as the contract goes: more polls, and the order stays shipped.
  expect(sim.advance(simOrder)).toBeNull();
  await morePolls(3);
  expect((await supplierOrder(so.id)).status).toBe("shipped");
  expect((await db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("shipped");
  const view = await api(`/api/orders/${orderId}`);
  expect(view.body.status).toBe("shipped");
  // The reseller's parcel carries the tracking, never WSC's sales order id.
  expect(view.body.supplierOrders[0]).toMatchObject({ status: "shipped", trackingNumber: simOrder.trackingNumbers[0], supplierOrderId: null });
  expect((await supplierOrder(so.id)).supplierOrderId).toBe(simOrder.salesOrderId);

  // A server that does report Delivered (beyond the contract) is still read.
  sim.configure({ reportDelivered: true });
  expect(sim.advance(simOrder)).toBe("Delivered");
  await waitFor(async () => (await supplierOrder(so.id)).status === "delivered", { what: "Delivered → delivered by polling", timeoutMs: 10_000 });

  expectOnlyContractRequests(simOrder.salesOrderId);
});

it("a cancellation is refused on the timeline (the contract has no cancel) and asks WSC nothing; WSC's own cancel is polled in", async () => {
  const { sim } = harness().wsc;
  const { orderId, so, simOrder } = await placeAtWsc();
  const cancel = await api(`/api/orders/${orderId}/cancel`, { method: "POST" });
  expect(cancel.status).toBe(202);
  const refused = await waitFor(() => db.orderEvent.findFirst({ where: { orderId, supplierOrderId: so.id, type: "cancel_refused" } }), {
    what: "cancel_refused on the timeline",
  });
  expect(refused.message).toMatch(/no cancel/);
  expect(refused.message).toContain(simOrder.salesOrderId);
  expect(refused.message).toMatch(/with WesellCellular directly/);
  // Still open at WSC and with us: nothing pretended to cancel it.
  expect(simOrder.status).toBe("Pending");
  expect((await supplierOrder(so.id)).status).toBe("submitted");

  // Ops cancel with WSC directly; the poller sees Cancelled.
  expect(sim.cancel(simOrder)).toBe("Cancelled");
  await waitFor(async () => (await supplierOrder(so.id)).status === "canceled", { what: "Cancelled → canceled by polling", timeoutMs: 10_000 });
  await waitFor(async () => (await db.order.findUniqueOrThrow({ where: { id: orderId } })).status === "canceled", { what: "order canceled" });

  expectOnlyContractRequests(simOrder.salesOrderId);
});
