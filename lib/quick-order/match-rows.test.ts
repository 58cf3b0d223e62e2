import { describe, expect, it } from "vitest";
import type { MarkupRuleInput } from "../pricing/types";
import { matchRows, type CatalogProduct } from "./match-rows";
import { parseSheetText } from "./parse-sheet";

const offer = (id: string, stock: number, priority = 100, cost = "100.00") => ({ id, supplierId: `s-${id}`, supplierSku: id, cost, stock, priority });
const product = (sku: string, extra: Partial<CatalogProduct> = {}): CatalogProduct => ({
  id: `p-${sku}`,
  sku,
  name: sku,
  brand: "Apple",
  model: "iPhone 12",
  storage: "64GB",
  color: "Black",
  grade: "A",
  category: "phones",
  price: "231.00",
  priceCost: "200.00",
  stock: 10,
  active: true,
  offers: [offer(`o-${sku}`, 10)],
  ...extra,
});
const catalog = [
  product("IP12-64-A-BLK"),
  product("IP12-64-A-BLU", { color: "Blue" }),
  product("IP13-128-B", { model: "iPhone 13", storage: "128 GB", grade: "B", color: "Space Grey", offers: [offer("o1", 3, 1), offer("o2", 4, 2)], stock: 7 }),
  product("GONE-1", { model: "iPhone 11", stock: 0, active: false, offers: [offer("o3", 0)] }),
];
const none = { rules: [], tier: null };

function review(text: string, cat = catalog, pricing: { rules: MarkupRuleInput[]; tier: string | null } = none) {
  const sheet = parseSheetText(text, { maxRows: 1000 });
  if (!sheet.ok) throw new Error(sheet.error);
  return matchRows(sheet.rows, cat, pricing);
}

describe("matchRows", () => {
  it("matches an exact SKU case-insensitively, with the company's price and what is available", () => {
    const { rows, summary } = review("sku,qty\nip12-64-a-blk,4\n");
    expect(rows[0]).toMatchObject({
      row: 2,
      status: "matched",
      quantity: 4,
      available: 4,
      unitPrice: "231.00",
      product: { sku: "IP12-64-A-BLK", price: "231.00" },
    });
    expect(JSON.stringify(rows)).not.toMatch(/supplier|cost|o-IP12/i);
    expect(summary).toMatchObject({ rows: 1, matched: 1, orderable: { lines: 1, units: 4, subtotal: "924.00" } });
  });

  it("matches by attributes after normalising case, spaces, units and 'Grade', and needs the color only when several fit", () => {
    const { rows } = review(
      "brand,model,storage,grade,color,qty\napple,IPHONE 13,128gb,Grade B,,2\nApple,iPhone12,64 GB,a,blue,1\nApple,iPhone 12,64,A,,1\nApple,iPhone 12,64GB,A,Red,1\nApple,iPhone 14,64GB,A,,1\n",
    );
    expect(rows[0]).toMatchObject({ status: "matched", product: { sku: "IP13-128-B" } });
    expect(rows[1]).toMatchObject({ status: "matched", product: { sku: "IP12-64-A-BLU" } });
    expect(rows[2]!.status).toBe("ambiguous");
    expect(rows[2]!.candidates!.map((c) => c.sku)).toEqual(["IP12-64-A-BLK", "IP12-64-A-BLU"]);
    expect(rows[3]).toMatchObject({ status: "unmatched" });
    expect(rows[3]!.candidates!.map((c) => c.color)).toEqual(["Black", "Blue"]);
    expect(rows[4]).toMatchObject({ status: "unmatched", error: "No Apple iPhone 14 64GB grade A in the catalog" });
  });

  it("an unknown SKU falls back to the row's attributes, else is unmatched", () => {
    const { rows } = review("sku,brand,model,storage,grade,color,qty\nNOPE,Apple,iPhone 12,64GB,A,Black,1\nNOPE,,,,,,1\n");
    expect(rows[0]).toMatchObject({ status: "matched", product: { sku: "IP12-64-A-BLK" } });
    expect(rows[1]).toMatchObject({ status: "unmatched", error: "No product with SKU NOPE" });
  });

  it("routes over several offers as an order does, and rows of one product share its stock in sheet order", () => {
    const { rows, summary } = review("sku,qty\nIP13-128-B,5\nIP13-128-B,5\nIP13-128-B,1\nGONE-1,2\n");
    expect(rows.map((r) => [r.status, r.available])).toEqual([
      ["matched", 5],
      ["partial", 2],
      ["partial", 0],
      ["partial", 0],
    ]);
    expect(rows[1]!.error).toBe("Only 2 of 5 available now");
    expect(rows[3]!.error).toBe("Out of stock now");
    expect(summary).toMatchObject({ matched: 1, partial: 3, orderable: { lines: 2, units: 7 } });
  });

  it("is over price when the company's price is above the row's max, and such rows take no stock", () => {
    const { rows } = review('sku,qty,max price\nIP13-128-B,7,230.99\nIP13-128-B,7,"$1,000"\n');
    expect(rows[0]).toMatchObject({ status: "over_price", available: 7, unitPrice: "231.00", maxUnitPrice: "230.99" });
    expect(rows[0]!.error).toBe("Our price 231.00 is over your max 230.99");
    expect(rows[1]).toMatchObject({ status: "matched", available: 7 });
  });

  it("prices with the company tier's rule, from the approved cost", () => {
    const rule: MarkupRuleInput = {
      id: "r1",
      scope: "tier",
      scopeValue: "gold",
      kind: "percent",
      value: "5",
      costTiers: null,
      rounding: "none",
      priority: 1,
      active: true,
      createdAt: new Date(0),
    };
    const { rows } = review("sku,qty\nIP12-64-A-BLK,1\n", catalog, { rules: [rule], tier: "gold" });
    expect(rows[0]!.unitPrice).toBe("210.00");
    expect(rows[0]!.product!.price).toBe("210.00");
  });

  it("keeps invalid rows with their errors, and counts them", () => {
    const { rows, summary } = review("sku,qty\nIP12-64-A-BLK,lots\n");
    expect(rows[0]).toMatchObject({ status: "invalid", quantity: null, available: 0, error: 'Quantity: "lots" is not a whole number' });
    expect(summary.invalid).toBe(1);
  });
});
