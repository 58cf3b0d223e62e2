// Quick order from a spreadsheet (issue 13 point 3): POST /api/quick-order/review with an
// uploaded CSV (multipart), pasted text (JSON) and an XLSX, matched against the real catalog with
// the company's prices and the stock routed over real offers; limits, errors and who may call it.
import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { sheetReview } from "../../lib/openapi/quick-order-and-lists";
import { seedProduct, seedSupplier, seedUser } from "../../prisma/factories";
import { api, resetState, seedWorld } from "../helpers/harness";
import { signedIn } from "../helpers/signed-in";

let world: Awaited<ReturnType<typeof seedWorld>>;

beforeEach(async () => {
  await resetState();
  world = await seedWorld({ products: 0 });
  const base = { brand: "Apple", model: "iPhone 12", storage: "64GB", grade: "A" };
  await seedProduct(world.supplier.id, { ...base, sku: "IP12-64-A-BLK", name: "iPhone 12 64GB Black A", color: "Black", cost: 200, price: 231, stock: 10 });
  await seedProduct(world.supplier.id, { ...base, sku: "IP12-64-A-BLU", name: "iPhone 12 64GB Blue A", color: "Blue", cost: 200, price: 231, stock: 3 });
  await seedProduct(world.supplier.id, {
    sku: "IP13-128-B",
    name: "iPhone 13 128GB Midnight B",
    brand: "Apple",
    model: "iPhone 13",
    storage: "128GB",
    color: "Midnight",
    grade: "B",
    cost: 1100,
    price: 1246,
    stock: 4,
  });
  // A second supplier's offer of the same product: the review routes over both, as an order does.
  const other = await seedSupplier({ slug: "second", name: "Second Source", type: "phonex", apiEndpoint: "http://127.0.0.1:9", credentials: { apiKey: "x" } });
  await seedProduct(other.id, {
    sku: "IP13-128-B",
    supplierSku: "SEC-IP13",
    name: "iPhone 13 128GB Midnight B",
    brand: "Apple",
    model: "iPhone 13",
    storage: "128GB",
    color: "Midnight",
    grade: "B",
    cost: 1150,
    price: 1246,
    stock: 2,
    priority: 200,
  });
});

const SHEET = [
  "SKU;Brand;Model;Storage;Grade;Colour;Qty;Max price",
  "ip12-64-a-blk;;;;;;4;",
  ";apple;IPHONE 12;64 GB;Grade A;blue;5;",
  ";Apple;iPhone 12;64GB;A;;1;",
  "IP13-128-B;;;;;;2;1,200.00",
  "IP13-128-B;;;;;;8;$1,246.00",
  "NOPE-1;;;;;;1;",
  "IP12-64-A-BLK;;;;;;many;",
].join("\n");

function upload(body: Blob, filename: string, caller = api) {
  const form = new FormData();
  form.set("file", body, filename);
  return caller("/api/quick-order/review", { method: "POST", body: form });
}

function expectSheetReview(body: { rows: { row: number; status: string; available: number; product?: { sku: string } }[]; summary: unknown }) {
  expect(body.rows.map((r) => [r.row, r.status, r.product?.sku ?? null, r.available])).toEqual([
    [2, "matched", "IP12-64-A-BLK", 4],
    [3, "partial", "IP12-64-A-BLU", 3],
    [4, "ambiguous", null, 0],
    [5, "over_price", "IP13-128-B", 2],
    [6, "partial", "IP13-128-B", 6],
    [7, "unmatched", null, 0],
    [8, "invalid", null, 0],
  ]);
  expect(body.summary).toMatchObject({
    rows: 7,
    matched: 1,
    partial: 2,
    ambiguous: 1,
    over_price: 1,
    unmatched: 1,
    invalid: 1,
    orderable: { lines: 3, units: 13, subtotal: "9093.00" },
  });
}

describe("POST /api/quick-order/review", () => {
  it("reviews an uploaded ';' CSV: matched, partial (with what is), ambiguous with candidates, over price, unmatched, invalid", async () => {
    const res = await upload(new Blob([SHEET], { type: "text/csv" }), "order.csv");
    expect(res.status).toBe(200);
    expectSheetReview(res.body);
    sheetReview.parse(res.body); // as the OpenAPI document says
    const [, partial, ambiguous, over, , unmatched, invalid] = res.body.rows;
    expect(partial).toMatchObject({ quantity: 5, available: 3, unitPrice: "231.00", error: "Only 3 of 5 available now" });
    expect(ambiguous.candidates.map((c: { sku: string }) => c.sku)).toEqual(["IP12-64-A-BLK", "IP12-64-A-BLU"]);
    expect(over).toMatchObject({ unitPrice: "1246.00", maxUnitPrice: "1200.00" });
    expect(unmatched.error).toBe("No product with SKU NOPE-1");
    expect(invalid.errors).toEqual([{ column: "Quantity", message: '"many" is not a whole number' }]);
    // The reseller's view: never a supplier or a cost.
    expect(JSON.stringify(res.body)).not.toMatch(/supplier|second source|phonex|cost|1100|1150/i);
  });

  it("reviews pasted text (JSON) and an XLSX file the same way", async () => {
    const pasted = await api("/api/quick-order/review", { method: "POST", json: { text: SHEET } });
    expect(pasted.status).toBe(200);
    expectSheetReview(pasted.body);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("PO");
    for (const line of SHEET.split("\n")) ws.addRow(line.split(";").map((c) => (/^\d+$/.test(c) ? Number(c) : c || null)));
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const xlsx = await upload(new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }), "order.xlsx");
    expect(xlsx.status).toBe(200);
    expectSheetReview(xlsx.body);
  });

  it("prices with the company's tier, as the catalog and an order do", async () => {
    await db.company.update({ where: { id: world.company.id }, data: { tier: "gold" } });
    await db.markupRule.create({ data: { name: "Gold", scope: "tier", scopeValue: "gold", kind: "percent", value: "5", rounding: "none", priority: 1 } });
    await db.product.updateMany({ data: { priceCost: "200.00" } });
    const res = await api("/api/quick-order/review", { method: "POST", json: { text: "sku,qty\nIP12-64-A-BLK,1\n" } });
    const catalog = await api("/api/products?q=IP12-64-A-BLK");
    expect(res.body.rows[0].unitPrice).toBe("210.00");
    expect(catalog.body.data[0].price).toBe("210.00");
  });

  it("answers 422 naming the field for a sheet it cannot read, 413 over the size or row limit", async () => {
    const noQty = await api("/api/quick-order/review", { method: "POST", json: { text: "sku,colour\nA,red\n" } });
    expect(noQty.status).toBe(422);
    expect(noQty.body.error).toMatchObject({ code: "validation_failed", fields: { text: "No Quantity column (Quantity or Qty)" } });
    const empty = await api("/api/quick-order/review", { method: "POST", json: { text: "" } });
    expect(empty.status).toBe(422);
    expect(empty.body.error.fields).toHaveProperty("text");
    const extra = await api("/api/quick-order/review", { method: "POST", json: { text: "sku,qty\nA,1", more: 1 } });
    expect(extra.body.error.fields).toEqual({ more: "Unknown field" });
    const notXlsx = await upload(new Blob([Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 9, 9, 9])]), "broken.xlsx");
    expect(notXlsx.status).toBe(422);
    expect(notXlsx.body.error.fields).toEqual({ file: "The file is not a readable XLSX workbook" });
    const noFile = await api("/api/quick-order/review", { method: "POST", body: new FormData() });
    expect(noFile.status).toBe(422);

    const rows = `sku,qty\n${Array.from({ length: 1001 }, (_, i) => `S${i},1`).join("\n")}`;
    const tooMany = await api("/api/quick-order/review", { method: "POST", json: { text: rows } });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error.code).toBe("payload_too_large");
    const big = await upload(new Blob(["sku,qty\n", "x".repeat(2 * 1024 * 1024)]), "big.csv");
    expect(big.status).toBe(413);
  });

  it("is for resellers: staff are refused, a viewer may review", async () => {
    const ops = await signedIn(world.ops.id);
    expect((await ops.call("/api/quick-order/review", { method: "POST", json: { text: "sku,qty\nA,1" } })).status).toBe(403);
    const viewer = await seedUser({ email: "v@worldtech.test", companyId: world.company.id, companyRole: "viewer" });
    const v = await signedIn(viewer.id);
    expect((await v.call("/api/quick-order/review", { method: "POST", json: { text: "sku,qty\nIP12-64-A-BLK,1" } })).status).toBe(200);
  });
});

describe("GET /api/quick-order/template", () => {
  it("downloads a CSV template the review reads back, and an XLSX one", async () => {
    const res = await fetch(`${(await import("../helpers/harness")).harness().app.url}/api/quick-order/template`, {
      headers: { authorization: "Bearer pk_live_integration_worldtech_000000000" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="quick-order-template.csv"');
    const csv = await res.text();
    expect(csv.split("\r\n")[0]).toBe("SKU,Brand,Model,Storage,Grade,Color,Quantity,Max unit price");
    const back = await api("/api/quick-order/review", { method: "POST", json: { text: csv } });
    expect(back.status).toBe(200);
    expect(back.body.rows.map((r: { status: string }) => r.status)).toEqual(["unmatched", "unmatched"]);
    expect(back.body.rows.every((r: { errors?: unknown }) => !r.errors)).toBe(true);

    const x = await api("/api/quick-order/template?format=xlsx");
    expect(x.status).toBe(200);
    expect(x.headers.get("content-type")).toContain("spreadsheetml");
  });
});
