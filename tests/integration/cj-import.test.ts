// Product import from CJ against the CJ simulator over
// HTTP: URLs, ids and SKUs in bulk, duplicate detection, markup applied,
// per-warehouse stock kept, and a report of what was added, updated,
// skipped or refused. HTTP through the real route.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Principal } from "../../lib/auth/principal";
import { importCjProducts } from "../../lib/catalog/import-cj-products";
import { db } from "../../lib/db/client";
import { startCjSimulatorServer, type CjSimulatorServer } from "../../dev/simulators/cj/server";
import { seedProduct, seedSupplier } from "../../prisma/factories";
import { api, resetState, seedWorld } from "../helpers/harness";

const session = vi.hoisted(() => ({ principal: null as Principal | null }));
vi.mock("../../lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../lib/auth/session")>()),
  getSessionPrincipal: async () => session.principal,
}));

const CJ_KEY = "cj_import_test_key";
const OPEN_ID = "1486957394221047808";
let cj: CjSimulatorServer;
let world: Awaited<ReturnType<typeof seedWorld>>;
let cjSupplierId: string;

beforeAll(async () => {
  cj = await startCjSimulatorServer({ port: 0, apiKey: CJ_KEY, openId: OPEN_ID, qps: 0, autoAdvance: false, logRequests: false });
});
afterAll(async () => {
  await cj.close();
});

beforeEach(async () => {
  await resetState();
  cj.sim.reset();
  cj.sim.configure({ qps: 0 });
  world = await seedWorld({ products: 1 });
  const supplier = await seedSupplier({
    slug: "cj",
    name: "CJ Dropshipping",
    type: "cj",
    apiEndpoint: cj.apiUrl,
    credentials: { apiKey: CJ_KEY, openId: OPEN_ID, qps: "50" },
    rateLimitPerSec: 50,
  });
  cjSupplierId = supplier.id;
  // PhoneX already sells the grade B iPhone 13: the CJ variant with that SKU joins it.
  await seedProduct(world.supplier.id, {
    sku: "IPHONE13-128GB-B",
    name: "iPhone 13 128GB Grade B",
    brand: "Apple",
    model: "iPhone 13",
    storage: "128GB",
    color: "Midnight",
    grade: "B",
    cost: "300.00",
    price: "336.00",
    stock: 7,
  });
});

const asOps = (path: string, init: RequestInit & { json?: unknown } = {}) => {
  session.principal = { kind: "session", userId: world.ops.id, email: world.ops.email, name: world.ops.name, role: "ops", companyId: null };
  const headers = new Headers(init.headers);
  headers.set("cookie", "next-auth.session-token=integration");
  return api(path, { ...init, headers, key: null });
};

const INPUTS = [
  "CJ-PID-1004",
  "https://cjdropshipping.com/product/refurbished-iphone-13-p-CJ-PID-1004.html", // the same product again
  "https://cjdropshipping.com/product/moto-g-power-p-CJ-PID-1011.html",
  "IPHONE12-64GB-C", // a variant SKU: the whole product comes in
  "CJ-PID-9999", // not at CJ
  "https://example.com/product/x-p-123.html", // not CJ
];

describe("POST /api/ops/products/import", () => {
  it("adds every variant with the markup applied, joins existing products, and reports the rest", async () => {
    // A markup rule the import must apply: +10 %, .99 endings.
    await db.markupRule.create({ data: { name: "All", scope: "global", kind: "percent", value: "10", rounding: ".99" } });
    const res = await asOps("/api/ops/products/import", { method: "POST", json: { inputs: [INPUTS.join("\n")] } });
    expect(res.status).toBe(200);
    const r = res.body;

    expect(r.added.map((v: { sku: string }) => v.sku).sort()).toEqual(
      ["CJSJ101177-Mist-64GB-B", "CJSJ101177-Mist-64GB-C", "IPHONE12-64GB-B", "IPHONE12-64GB-C", "IPHONE13-128GB-B", "IPHONE13-128GB-C"].sort(),
    );
    expect(r.updated).toEqual([]);
    expect(r.skipped).toEqual([{ input: INPUTS[1], reason: "Same product as CJ-PID-1004" }]);
    expect(r.refused).toEqual([
      { input: INPUTS[5], reason: "Not a CJ Dropshipping URL" },
      { input: "CJ-PID-9999", reason: "Not found at CJ" },
    ]);

    // A new product: our SKU scheme, the catalog's naming, priced through the rules from the CJ cost.
    const ip13c = await db.product.findUniqueOrThrow({
      where: { sku: "IPHONE13-128GB-C" },
      include: { offers: { include: { warehouses: { orderBy: { warehouse: "asc" } } } } },
    });
    expect(ip13c).toMatchObject({ name: "iPhone 13 128GB Grade C", brand: "Apple", model: "iPhone 13", storage: "128GB", grade: "C", active: true });
    // 247.08 × 1.10 = 271.788 → 271.79 → 271.99
    expect(ip13c.price.toFixed(2)).toBe("271.99");
    expect(ip13c.priceCost?.toFixed(2)).toBe("247.08");
    const added = r.added.find((v: { sku: string }) => v.sku === "IPHONE13-128GB-C");
    expect(added).toMatchObject({ input: "CJ-PID-1004", pid: "CJ-PID-1004", supplierSku: "CJ-VID-1004C", cost: "247.08", price: "271.99", newProduct: true });
    // Per-warehouse stock kept; the offer's stock is their sum, the product's the sum of its offers.
    const [o] = ip13c.offers;
    expect(o!.warehouses.map((w) => [w.warehouse, w.countryCode, w.quantity])).toEqual([
      ["China Warehouse", "CN", 32],
      ["US Warehouse", "US", 32],
    ]);
    expect(o!.stock).toBe(64);
    expect(ip13c.stock).toBe(64);
    expect(added.stock).toBe(64);

    // The existing PhoneX product gains a CJ offer; its price follows the routed offer (PhoneX, priority tie → cheaper CJ 284.00).
    const ip13b = await db.product.findUniqueOrThrow({ where: { sku: "IPHONE13-128GB-B" }, include: { offers: true } });
    expect(ip13b.offers).toHaveLength(2);
    expect(ip13b.stock).toBe(7 + 36);
    expect(r.added.find((v: { sku: string }) => v.sku === "IPHONE13-128GB-B")).toMatchObject({ newProduct: false });
    // 284 × 1.1 = 312.40 → 312.99, −6.9 % from 336.00: within the tolerance, live.
    expect(ip13b.price.toFixed(2)).toBe("312.99");

    // An import raises no stock alert for the state it starts in.
    expect(await db.stockAlert.count()).toBe(0);
  });

  it("importing again skips what is unchanged and updates what CJ changed", async () => {
    await importCjProducts({ supplierId: cjSupplierId, inputs: ["CJ-PID-1004"] });
    const again = await importCjProducts({ supplierId: cjSupplierId, inputs: ["CJ-PID-1004"] });
    expect(again.added).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(again.skipped.map((s) => [s.sku, s.reason])).toEqual([
      ["IPHONE13-128GB-B", "Already imported, unchanged"],
      ["IPHONE13-128GB-C", "Already imported, unchanged"],
    ]);

    cj.sim.state.stock.set("CJ-VID-1004C", { CN: 3, US: 0 });
    const third = await importCjProducts({ supplierId: cjSupplierId, inputs: ["https://cjdropshipping.com/product/x-p-CJ-PID-1004.html"] });
    expect(third.updated).toEqual([expect.objectContaining({ sku: "IPHONE13-128GB-C", stock: 3, newProduct: false })]);
    expect(third.skipped).toHaveLength(1);
    const offer = await db.supplierOffer.findUniqueOrThrow({
      where: { supplierId_supplierSku: { supplierId: cjSupplierId, supplierSku: "CJ-VID-1004C" } },
      include: { warehouses: true },
    });
    expect(offer.stock).toBe(3);
    expect(offer.warehouses.map((w) => w.quantity).sort()).toEqual([0, 3]);
    // The refresh is an offer change like any other: the drop to 3 is a low-stock crossing.
    expect(await db.stockAlert.findMany({ select: { kind: true, sku: true } })).toEqual([{ kind: "low", sku: "IPHONE13-128GB-C" }]);
    expect(await db.supplierOffer.count({ where: { supplierId: cjSupplierId } })).toBe(2);
  });

  it("refuses what it cannot read, and is for staff only", async () => {
    const bad = await asOps("/api/ops/products/import", { method: "POST", json: { inputs: [] } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toHaveProperty("inputs");
    const garbage = await asOps("/api/ops/products/import", { method: "POST", json: { inputs: ["<b>", "https://cjdropshipping.com/search?q=x"] } });
    expect(garbage.status).toBe(200);
    expect(garbage.body).toEqual({
      added: [],
      updated: [],
      skipped: [],
      refused: [
        { input: "<b>", reason: "Not a CJ product id, SKU or URL" },
        { input: "https://cjdropshipping.com/search?q=x", reason: "No CJ product id in this URL" },
      ],
    });
    const notCj = await asOps("/api/ops/products/import", { method: "POST", json: { supplierId: world.supplier.id, inputs: ["CJ-PID-1004"] } });
    expect(notCj.status).toBe(422);
    const reseller = await api("/api/ops/products/import", { method: "POST", json: { inputs: ["CJ-PID-1004"] } });
    expect(reseller.status).toBe(403);
    expect(await db.supplierOffer.count({ where: { supplierId: cjSupplierId } })).toBe(0);
  });
});
