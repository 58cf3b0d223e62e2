// CSV price-list import on real Postgres: all or nothing, with line numbers.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { defaultResellerPrice, importPriceList } from "../../lib/catalog/import-price-list";
import { resetState } from "../helpers/harness";
import { seedProduct, seedSupplier } from "../../prisma/factories";

const HEADER = "Brand,Model,Storage,Color,Grade,Price,Stock,SKU";
const csv = (...lines: string[]) => [HEADER, ...lines].join("\r\n") + "\r\n";
const IP13 = (price: string, stock: number) => `Apple,iPhone 13,128GB,Midnight,A,${price},${stock},IPHONE13-128GB-A`;
const S23 = (price: string, stock: number) => `Samsung,"Galaxy S23+",256GB,Lavender,a,${price},${stock},galaxys23plus-256gb-a`;
const NOV1 = new Date("2025-11-01T12:00:00Z");
const NOV2 = new Date("2025-11-02T12:00:00Z");

let wscId: string;

beforeEach(async () => {
  await resetState();
  const phonex = await seedSupplier({ slug: "phonex", type: "phonex", apiEndpoint: "http://127.0.0.1:4010", credentials: { apiKey: "k" } });
  await seedProduct(phonex.id, {
    sku: "IPHONE13-128GB-A",
    name: "iPhone 13 128GB Grade A",
    brand: "Apple",
    model: "iPhone 13",
    storage: "128GB",
    color: "Midnight",
    grade: "A",
    cost: 329,
    price: 369,
    stock: 25,
  });
  const wsc = await seedSupplier({
    slug: "wesellcellular",
    type: "wesellcellular",
    apiEndpoint: "http://127.0.0.1:4030",
    credentials: { email: "buyer@portal.test", password: "pw" },
  });
  wscId = wsc.id;
});

const product = (sku: string) => db.product.findUniqueOrThrow({ where: { sku }, include: { offers: { orderBy: { supplierId: "asc" } } } });
const wscOffer = (sku: string) => db.supplierOffer.findUniqueOrThrow({ where: { supplierId_supplierSku: { supplierId: wscId, supplierSku: sku } } });

/** Everything an import could touch, as plain values. */
async function catalogSnapshot() {
  const products = await db.product.findMany({ orderBy: { sku: "asc" } });
  const offers = await db.supplierOffer.findMany({ orderBy: [{ supplierId: "asc" }, { supplierSku: "asc" }] });
  return JSON.parse(JSON.stringify({ products, offers })) as unknown;
}

describe("importPriceList", () => {
  it("adds offers and products from a good file, then updates what changed", async () => {
    const first = await importPriceList({ supplierId: wscId, csv: csv(IP13("319.00", 60), S23("459", 14)), asOf: NOV1 });
    expect(first).toEqual({ ok: true, added: 2, updated: 0, unchanged: 0, stale: 0, newProducts: 1, errors: [], syncLogId: expect.any(String) });

    // An existing product gains the offer's stock and keeps its PhoneX offer; its price follows the
    // offer orders now route to (the cheaper WesellCellular one, 319.00) through the markup rules:
    // cost + 12 % up to the dollar = 358.00, a 3 % move, within the 10 % tolerance, so live at once.
    const ip13 = await product("IPHONE13-128GB-A");
    expect(ip13).toMatchObject({ price: expect.anything(), stock: 85 });
    expect([ip13.price.toFixed(2), ip13.priceCost?.toFixed(2)]).toEqual(["358.00", "319.00"]);
    expect(ip13.offers.map((o) => [o.cost.toFixed(2), o.stock])).toEqual(
      expect.arrayContaining([
        ["329.00", 25],
        ["319.00", 60],
      ]),
    );

    // A new product: our name, the upper-cased SKU, the default reseller price, the offer's stock.
    const s23 = await product("GALAXYS23PLUS-256GB-A");
    expect(s23).toMatchObject({ name: "Galaxy S23+ 256GB Grade A", brand: "Samsung", grade: "A", stock: 14 });
    expect(s23.price.toFixed(2)).toBe("515.00");
    expect(await wscOffer("GALAXYS23PLUS-256GB-A")).toMatchObject({ stock: 14, sourceUpdatedAt: NOV1 });

    const second = await importPriceList({ supplierId: wscId, csv: csv(IP13("315.50", 40), S23("459.00", 14)), asOf: NOV2 });
    expect(second).toMatchObject({ ok: true, added: 0, updated: 1, unchanged: 1, stale: 0, newProducts: 0 });
    expect((await wscOffer("IPHONE13-128GB-A")).cost.toFixed(2)).toBe("315.50");
    const repriced = await product("IPHONE13-128GB-A");
    expect([repriced.stock, repriced.price.toFixed(2)]).toEqual([65, "354.00"]); // 315.50 + 12 %, up to the dollar
    expect((await wscOffer("GALAXYS23PLUS-256GB-A")).sourceUpdatedAt).toEqual(NOV2);

    // An older list never overwrites newer data.
    const before = await catalogSnapshot();
    const stale = await importPriceList({ supplierId: wscId, csv: csv(IP13("1.00", 1)), asOf: NOV1 });
    expect(stale).toMatchObject({ ok: true, stale: 1, updated: 0, added: 0 });
    expect(await catalogSnapshot()).toEqual(before);

    const logs = await db.supplierSyncLog.findMany({ where: { supplierId: wscId }, orderBy: { startedAt: "asc" } });
    expect(logs.map((l) => [l.type, l.status, l.seen, l.added, l.changed, l.failed])).toEqual([
      ["price_list", "success", 2, 2, 0, 0],
      ["price_list", "success", 2, 0, 1, 0],
      ["price_list", "success", 1, 0, 0, 0],
    ]);
    expect(logs.every((l) => l.durationMs !== null && l.finishedAt !== null)).toBe(true);
    expect(logs[0]!.id).toBe(first.syncLogId);
  });

  it("a file with one bad row changes nothing at all and names the row's line", async () => {
    await importPriceList({ supplierId: wscId, csv: csv(IP13("319.00", 60)), asOf: NOV1 });
    const before = await catalogSnapshot();

    const report = await importPriceList({
      supplierId: wscId,
      // line 2 would update, line 3 is bad, line 4 would add a product.
      csv: csv(IP13("300.00", 5), "Apple,iPhone 12,64GB,Blue,D,225.00,40,IPHONE12-64GB-D", S23("459.00", 14)),
      asOf: NOV2,
    });
    expect(report).toEqual({
      ok: false,
      added: 0,
      updated: 0,
      unchanged: 0,
      stale: 0,
      newProducts: 0,
      syncLogId: expect.any(String),
      errors: [{ line: 3, column: "Grade", message: 'Grade must be A, B or C (got "D")' }],
    });
    expect(await catalogSnapshot()).toEqual(before);
    expect(await db.product.count({ where: { sku: { in: ["GALAXYS23PLUS-256GB-A", "IPHONE12-64GB-D"] } } })).toBe(0);

    // The rejected attempt is on record for ops; only the sync log changed.
    const rejected = await db.supplierSyncLog.findUniqueOrThrow({ where: { id: report.syncLogId } });
    expect(rejected).toMatchObject({ type: "price_list", status: "error", added: 0, changed: 0, failed: 1 });
    expect(rejected.message).toContain("line 3");
  });

  it("refuses an unknown supplier", async () => {
    await expect(importPriceList({ supplierId: "00000000-0000-0000-0000-000000000000", csv: csv(IP13("1.00", 1)), asOf: NOV1 })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("a price list naming our SKU for an offer the supplier already has", () => {
  it("updates that offer (its supplier SKU stays), never adds a second one: stock equals the supplier's", async () => {
    // WesellCellular already supplies two phones under its own SKUs (as the demo's WSC-2003xx offers).
    await seedProduct(wscId, {
      sku: "GALAXYA54-128GB-A",
      name: "Galaxy A54 128GB Grade A",
      brand: "Samsung",
      model: "Galaxy A54",
      storage: "128GB",
      color: "Black",
      grade: "A",
      cost: 189,
      price: 212,
      stock: 70,
      supplierSku: "WSC-200301",
    });
    await seedProduct(wscId, {
      sku: "IPHONE13-128GB-A",
      name: "iPhone 13 128GB Grade A",
      brand: "Apple",
      model: "iPhone 13",
      storage: "128GB",
      color: "Midnight",
      grade: "A",
      cost: 320,
      price: 369,
      stock: 10,
      supplierSku: "WSC-100301",
    });
    const r = await importPriceList({
      supplierId: wscId,
      asOf: NOV2,
      csv: csv("Samsung,Galaxy A54,128GB,Black,A,185.00,70,GALAXYA54-128GB-A", IP13("318.00", 12), S23("459.00", 14)),
    });
    expect(r).toMatchObject({ ok: true, updated: 2, added: 1, newProducts: 1 });
    const a54 = await product("GALAXYA54-128GB-A");
    expect(a54.offers).toHaveLength(1);
    expect(a54.offers[0]).toMatchObject({ supplierSku: "WSC-200301", stock: 70 });
    expect(a54.offers[0]!.cost.toFixed(2)).toBe("185.00");
    expect(a54.stock).toBe(70);
    // PhoneX's 25 plus WesellCellular's 12: each supplier counted once.
    const ip13 = await product("IPHONE13-128GB-A");
    expect(ip13.offers.filter((o) => o.supplierId === wscId).map((o) => o.supplierSku)).toEqual(["WSC-100301"]);
    expect(ip13.stock).toBe(37);
    // No supplier ever has two offers for one product.
    const dupes = await db.$queryRaw<
      { n: bigint }[]
    >`SELECT COUNT(*) AS n FROM (SELECT 1 FROM "SupplierOffer" GROUP BY "supplierId", "productId" HAVING COUNT(*) > 1) d`;
    expect(Number(dupes[0]!.n)).toBe(0);
  });
});

describe("defaultResellerPrice", () => {
  it("is cost + 12 % rounded up to the dollar, exact in cents", () => {
    expect(defaultResellerPrice("250.00")).toBe("280.00");
    expect(defaultResellerPrice("459.00")).toBe("515.00");
    expect(defaultResellerPrice("319.50")).toBe("358.00");
    expect(defaultResellerPrice("100")).toBe("112.00");
  });
});
