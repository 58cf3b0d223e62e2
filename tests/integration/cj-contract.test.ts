// CJ Dropshipping held to its contract end to end, on real Postgres/Redis
// with the workers and the CJ simulator, which serves exactly the CJ API the
// portal relies on (docs/suppliers.md: an undefined route answers 404, an
// undefined query parameter 400 with 1600300) and logs every request:
// - a catalog sync, a product import, an order followed to delivered by
//   webhooks and read-backs, its STOCK message, and a cancellation: every
//   request the portal made is one the contract defines;
// - a STOCK message (a vid and quantities, no price) re-reads the stock with
//   stock/queryByVid and moves the offer's stock to what CJ has, its cost untouched.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { importCjProducts } from "../../lib/catalog/import-cj-products";
import { runSupplierSync } from "../../lib/catalog/sync/run-supplier-sync";
import { db } from "../../lib/db/client";
import type { CjRequestLogEntry } from "../../dev/simulators/cj/simulator";
import { startWorkers, type RunningWorkers } from "../../workers/start-workers";
import { address, api, harness, resetState, seedOtherSuppliers, seedWorld, waitFor } from "../helpers/harness";

let workers: RunningWorkers;
let cjId: string;

beforeAll(() => {
  workers = startWorkers({ concurrency: 4 });
});
afterAll(() => workers.close());
beforeEach(async () => {
  await resetState();
  await seedWorld({ products: 0 });
  cjId = (await seedOtherSuppliers()).cj.id;
  harness().cj.sim.configure({ autoAdvance: false });
});

/** The CJ API as the contract defines it, written out here rather than taken from the simulator, so the two are checked against each other. */
const CONTRACT: { method: string; path: string; query: string[] }[] = [
  { method: "POST", path: "/authentication/getAccessToken", query: [] },
  { method: "POST", path: "/authentication/refreshAccessToken", query: [] },
  { method: "GET", path: "/setting/get", query: [] },
  { method: "GET", path: "/product/listV2", query: ["page", "size"] },
  { method: "GET", path: "/product/query", query: ["pid", "productSku", "variantSku"] },
  { method: "GET", path: "/product/stock/queryByVid", query: ["vid"] },
  { method: "GET", path: "/product/stock/queryBySku", query: ["sku"] },
  { method: "POST", path: "/logistic/freightCalculate", query: [] },
  { method: "GET", path: "/logistic/trackInfo", query: ["trackNumber"] },
  { method: "POST", path: "/shopping/order/createOrderV2", query: [] },
  { method: "GET", path: "/shopping/order/getOrderDetail", query: ["orderId"] },
  { method: "DELETE", path: "/shopping/order/deleteOrder", query: ["orderId"] },
];
const inContract = (r: CjRequestLogEntry) =>
  CONTRACT.some((c) => c.method === r.method && c.path === r.path && [...new URLSearchParams(r.search).keys()].every((k) => c.query.includes(k)));

const place = (sku: string, quantity = 1) =>
  api("/api/orders", {
    method: "POST",
    headers: { "Idempotency-Key": randomUUID() },
    json: { items: [{ sku, quantity }], shippingAddress: address, reference: `PO-CONTRACT-${randomUUID().slice(0, 8)}` },
  });

const cjOrderOf = async (orderId: string) => db.supplierOrder.findFirstOrThrow({ where: { orderId, supplierId: cjId } });

it("sync, import, an order to delivered, a STOCK message and a cancel ask CJ only what the contract defines", async () => {
  const { cj } = harness();
  const sync = await runSupplierSync({ supplierId: cjId, kind: "catalog" });
  expect(sync.status).toBe("success");
  const imported = await importCjProducts({ supplierId: cjId, inputs: ["CJ-PID-1004"] });
  expect(imported.refused).toEqual([]);

  const offer = await db.supplierOffer.findFirstOrThrow({ where: { supplierId: cjId, supplierSku: "CJ-VID-1003B" }, include: { product: true } });
  const costBefore = offer.cost.toFixed(2);
  // CJ's stock moves on after the sync (other buyers): only a read-back can know it.
  cj.sim.state.stock.set("CJ-VID-1003B", { CN: 50, US: 3 });
  expect(offer.stock).not.toBe(51);

  // An order CJ takes to delivered; its create announces a STOCK message for the variant.
  const placed = await place(offer.product.sku, 2);
  expect(placed.status).toBe(201);
  const orderId = (placed.body as { id: string }).id;
  const so = await waitFor(
    async () => {
      const row = await cjOrderOf(orderId);
      return row.status === "submitted" ? row : null;
    },
    { what: "CJ supplier order submitted" },
  );

  // The STOCK message names the vid only: stock is read back by vid, the cost stays what the sync set.
  const cjTotal = 51; // 53 less the two ordered
  expect(Object.values(cj.sim.state.stock.get("CJ-VID-1003B")!).reduce((n, q) => n + q, 0)).toBe(cjTotal);
  await waitFor(
    async () => {
      const o = await db.supplierOffer.findUniqueOrThrow({ where: { id: offer.id } });
      return o.stock === cjTotal ? o : null;
    },
    { what: `offer stock to follow CJ (${cjTotal})` },
  );
  expect((await db.supplierOffer.findUniqueOrThrow({ where: { id: offer.id } })).cost.toFixed(2)).toBe(costBefore);
  expect(cj.sim.state.requests.some((r) => r.path === "/product/stock/queryByVid" && r.search === "?vid=CJ-VID-1003B")).toBe(true);

  const simOrder = cj.sim.state.orders.get(so.reference)!;
  while (cj.sim.advance(simOrder)) {
    /* CJ moves it on; each step sends its ORDER/LOGISTIC messages */
  }
  await waitFor(async () => ((await cjOrderOf(orderId)).status === "delivered" ? true : null), { what: "CJ order delivered" });
  // CJ's own shipping line and tracking link name CJ: the reseller sees neither, ops see both.
  const delivered = await cjOrderOf(orderId);
  expect(delivered.carrier).toMatch(/^CJ/i);
  const seen = (await api(`/api/orders/${orderId}`)).body as {
    supplierOrders: { carrier: string | null; trackingUrl: string | null; trackingNumber: string | null }[];
  };
  expect(seen.supplierOrders[0]).toMatchObject({ carrier: "Standard shipping", trackingNumber: delivered.trackingNumber });
  // The tracking number stays: it is what the reseller tracks the parcel with (CJ's start with "CJ").
  expect(JSON.stringify({ ...seen, supplierOrders: seen.supplierOrders.map((s) => ({ ...s, trackingNumber: null })) })).not.toMatch(/cj/i);

  // A second order, canceled before CJ ships it.
  const second = await place(offer.product.sku, 1);
  const secondId = (second.body as { id: string }).id;
  await waitFor(async () => ((await cjOrderOf(secondId)).status === "submitted" ? true : null), { what: "second CJ order submitted" });
  expect((await api(`/api/orders/${secondId}/cancel`, { method: "POST" })).status).toBe(202);
  await waitFor(async () => ((await cjOrderOf(secondId)).status === "canceled" ? true : null), { what: "CJ order canceled" });

  const asked = cj.sim.state.requests.filter((r) => !r.admin);
  expect(asked.filter((r) => !inContract(r)).map((r) => `${r.method} ${r.path}${r.search}`)).toEqual([]);
  // Nothing CJ could not answer: no 404, no 400, no param error.
  expect(asked.filter((r) => r.status === 400 || r.status === 404 || r.code === 1600300)).toEqual([]);
  expect(asked.filter((r) => r.path === "/shopping/order/deleteOrder")).toHaveLength(1);
  expect([...cj.sim.state.createdByNumber.values()]).toEqual([1, 1]);
});

it("the simulator refuses what the contract does not define", async () => {
  const { cj } = harness();
  const token = await fetch(`${cj.apiUrl}/authentication/getAccessToken`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ apiKey: process.env.CJ_API_KEY }),
  }).then(async (r) => ((await r.json()) as { data: { accessToken: string } }).data.accessToken);
  const get = (path: string) => fetch(`${cj.apiUrl}${path}`, { headers: { "CJ-Access-Token": token } });
  expect((await get("/product/variant/queryByVid?vid=CJ-VID-1003B")).status).toBe(404);
  const extra = await get("/product/query?pid=CJ-PID-1003&features=enable_inventory");
  expect(extra.status).toBe(400);
  expect(((await extra.json()) as { code: number }).code).toBe(1600300);
  expect((await get("/product/query?pid=CJ-PID-1003")).status).toBe(200);
});
