import { describe, expect, it } from "vitest";
import type { InventoryItem } from "../../suppliers/types";
import { normalizeCost, normalizeItems, normalizeQuantity, toColumns } from "./normalize-items";

const item = (over: Partial<InventoryItem> = {}): InventoryItem => ({
  supplierSku: "SKU-1",
  sku: "SKU-1",
  name: "iPhone 12 64GB Blue (A)",
  brand: "Apple",
  model: "iPhone 12",
  storage: "64GB",
  color: "Blue",
  grade: "A",
  quantity: 5,
  unitPrice: "231.00",
  currency: "USD",
  ...over,
});

describe("normalizeCost", () => {
  it.each([
    ["231", "231.00"],
    ["231.1", "231.10"],
    ["231.105", "231.11"],
    ["231.104", "231.10"],
    [231.1, "231.10"],
    ["0", "0.00"],
    [" 12.5 ", "12.50"],
    ["9999999999.99", "9999999999.99"],
  ])("%s → %s", (input, out) => expect(normalizeCost(input)).toBe(out));
  it.each([["-1"], ["abc"], [""], [Number.NaN], [Infinity], ["1e5"], ["10000000000.00"], [null]])("refuses %s", (input) =>
    expect(normalizeCost(input)).toBeNull(),
  );
});

describe("normalizeQuantity", () => {
  it("truncates, floors at 0 and caps at int4", () => {
    expect(normalizeQuantity(3.9)).toBe(3);
    expect(normalizeQuantity(-4)).toBe(0);
    expect(normalizeQuantity("12")).toBe(12);
    expect(normalizeQuantity(1e12)).toBe(2_147_483_647);
    expect(normalizeQuantity(Number.NaN)).toBeNull();
    expect(normalizeQuantity("lots")).toBeNull();
  });
});

describe("normalizeItems", () => {
  it("keeps good items, counts bad ones with a reason, and lets the last duplicate win", () => {
    const r = normalizeItems([
      item(),
      item({ supplierSku: "SKU-2", sku: "", unitPrice: "10", currency: "usd" }),
      item({ supplierSku: "", sku: "X" }),
      item({ supplierSku: "SKU-3", unitPrice: "free" }),
      item({ supplierSku: "SKU-4", quantity: Number.NaN }),
      item({ quantity: 7 }),
    ]);
    expect(r.failed).toBe(3);
    expect(r.failures).toHaveLength(3);
    expect(r.failures.join(" | ")).toMatch(/supplier SKU.*SKU-3: price free.*SKU-4: quantity NaN/);
    expect(r.rows.map((x) => [x.supplierSku, x.quantity])).toEqual([
      ["SKU-1", 7],
      ["SKU-2", 5],
    ]);
    // Missing portal SKU falls back to the supplier's; currency is upper-cased.
    expect(r.rows[1]).toMatchObject({ sku: "SKU-2", cost: "10.00", currency: "USD" });
  });

  it("names a product after its SKU when the supplier sends no name", () => {
    expect(normalizeItems([item({ name: "  " })]).rows[0]!.name).toBe("SKU-1");
  });

  it("gives column arrays in row order for unnest", () => {
    const { rows } = normalizeItems([item(), item({ supplierSku: "B", quantity: 2 })]);
    const c = toColumns(rows);
    expect(c.supplierSku).toEqual(["SKU-1", "B"]);
    expect(c.quantity).toEqual([5, 2]);
    expect(Object.keys(c)).toHaveLength(11);
  });
});
