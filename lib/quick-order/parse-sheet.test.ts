import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parsePrice, parseQuantity, parseSheetBytes, parseSheetText } from "./parse-sheet";
import { declaredUnpackedSize } from "./read-xlsx";

const opts = { maxRows: 1000 };
const ok = (r: ReturnType<typeof parseSheetText>) => {
  if (!r.ok) throw new Error(r.error);
  return r;
};

describe("parseSheetText", () => {
  it("reads a comma CSV with SKU, quantity and max price, numbering rows as a spreadsheet does", () => {
    const r = ok(parseSheetText('SKU,Qty,Max unit price\nIPHONE12-64GB-A,10,"1,246.00"\n\nipad-9-64-b,2,$99\n', opts));
    expect(r.delimiter).toBe(",");
    expect(r.rows).toEqual([
      {
        row: 2,
        input: { sku: "IPHONE12-64GB-A", quantity: "10", maxUnitPrice: "1,246.00" },
        sku: "IPHONE12-64GB-A",
        quantity: 10,
        maxUnitPrice: "1246.00",
        errors: [],
      },
      { row: 4, input: { sku: "ipad-9-64-b", quantity: "2", maxUnitPrice: "$99" }, sku: "IPAD-9-64-B", quantity: 2, maxUnitPrice: "99.00", errors: [] },
    ]);
  });

  it("reads a ';' export with unquoted 1,246.00 prices and attribute columns under their aliases", () => {
    const r = ok(
      parseSheetText(
        "Brand;Model;Capacity;Condition;Colour;Quantity;Target price\nApple;iPhone 12;64 GB;Grade A;Black;5;1,246.00\r\nApple;iPhone 13;128GB;B;;3;231\r\n",
        opts,
      ),
    );
    expect(r.delimiter).toBe(";");
    expect(r.columns).toEqual(["brand", "model", "storage", "grade", "color", "quantity", "maxUnitPrice"]);
    expect(r.rows[0]).toMatchObject({
      brand: "Apple",
      model: "iPhone 12",
      storage: "64 GB",
      grade: "Grade A",
      color: "Black",
      quantity: 5,
      maxUnitPrice: "1246.00",
      errors: [],
    });
    expect(r.rows[1]).toMatchObject({ row: 3, storage: "128GB", grade: "B", quantity: 3, maxUnitPrice: "231.00", errors: [] });
    expect(r.rows[1]!.color).toBeUndefined();
  });

  it("reads tab-separated paste from a spreadsheet, and headers in any case with punctuation", () => {
    const r = ok(parseSheetText("ITEM\tQTY.\tMax Price ($)\nA-1\t1,000\t12.5\n", opts));
    expect(r.rows[0]).toMatchObject({ sku: "A-1", quantity: 1000, maxUnitPrice: "12.50" });
  });

  it("reads header-less 'SKU, quantity' lines", () => {
    const r = ok(parseSheetText("IPHONE12-64GB-A, 4\nIPAD-9-64-B, 2, 150\n", opts));
    expect(r.rows.map((x) => [x.row, x.sku, x.quantity])).toEqual([
      [1, "IPHONE12-64GB-A", 4],
      [2, "IPAD-9-64-B", 2],
    ]);
  });

  it("reports every bad cell on its row, naming the column, and never throws", () => {
    const r = ok(parseSheetText("sku,brand,model,storage,grade,qty,max price\nA,,,,,ten,\n,Apple,iPhone 12,,A,2,\nB,,,,,0,cheap\nC,,,,,3.5,1.246\n", opts));
    expect(r.rows[0]!.errors).toEqual([{ column: "Quantity", message: '"ten" is not a whole number' }]);
    expect(r.rows[1]!.errors).toEqual([{ column: "Storage", message: "Give a SKU, or Brand, Model, Storage and Grade (missing: Storage)" }]);
    expect(r.rows[2]!.errors).toEqual([
      { column: "Quantity", message: "At least 1" },
      { column: "Max unit price", message: '"cheap" is not a price such as 1,246.00' },
    ]);
    expect(r.rows[3]!.errors.map((e) => e.column)).toEqual(["Quantity", "Max unit price"]);
  });

  it("refuses a sheet without the columns it needs, too many rows, and a broken quote, with a message", () => {
    expect(parseSheetText("sku,colour\nA,red\n", opts)).toEqual({ ok: false, error: "No Quantity column (Quantity or Qty)" });
    expect(parseSheetText("hello world\nfoo bar\n", opts).ok).toBe(false);
    expect(parseSheetText("   \n", opts).ok).toBe(false);
    expect(parseSheetText("sku,qty,quantity\nA,1,2\n", opts)).toEqual({ ok: false, error: "Two columns are read as Quantity: keep one" });
    const many = `sku,qty\n${Array.from({ length: 4 }, (_, i) => `S${i},1`).join("\n")}`;
    expect(parseSheetText(many, { maxRows: 3 })).toEqual({ ok: false, error: "At most 3 rows at a time (this sheet has 4)" });
    expect(parseSheetText('sku,qty\n"A,1\n', opts).ok).toBe(false);
  });

  it("marks NUL and overlong cells", () => {
    const r = ok(parseSheetText(`sku,qty\nA\u0000B,1\n${"X".repeat(101)},1\n`, opts));
    expect(r.rows[0]!.errors[0]).toMatchObject({ column: "SKU" });
    expect(r.rows[1]!.errors[0]).toEqual({ column: "SKU", message: "At most 100 characters" });
  });
});

describe("numbers", () => {
  it("reads prices as buyers write them", () => {
    const cases: [string | number, string][] = [
      ["1,246.00", "1246.00"],
      ["$1,246.00", "1246.00"],
      ["USD 1,246", "1246.00"],
      ["1.246,00", "1246.00"],
      ["1246,5", "1246.50"],
      ["1 246,00", "1246.00"],
      ["231", "231.00"],
      [231.456, "231.46"],
    ];
    for (const [input, want] of cases) expect(parsePrice(input), String(input)).toEqual({ ok: true, value: want });
    for (const bad of ["1.246", "abc", "-5", "0", "1,24,6"]) expect(parsePrice(bad).ok, bad).toBe(false);
  });

  it("reads quantities as whole numbers within the order limit", () => {
    expect(parseQuantity("1,000")).toEqual({ ok: true, value: 1000 });
    expect(parseQuantity(12)).toEqual({ ok: true, value: 12 });
    expect(parseQuantity("7.0")).toEqual({ ok: true, value: 7 });
    expect(parseQuantity("10001")).toEqual({ ok: false, error: "At most 10000" });
    expect(parseQuantity(2.5).ok).toBe(false);
  });
});

describe("parseSheetBytes", () => {
  async function xlsx(rows: unknown[][]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Order");
    for (const r of rows) ws.addRow(r);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it("reads an XLSX built with exceljs: numbers, text, a formula's result and rich text", async () => {
    const bytes = await xlsx([
      ["SKU", "Quantity", "Max unit price"],
      ["IPHONE12-64GB-A", 10, 1246],
      [{ richText: [{ text: "ipad-" }, { text: "9-64-b" }] }, { formula: "1+1", result: 2 }, "$1,246.00"],
      [],
      ["C", "x", null],
    ]);
    const r = await parseSheetBytes(bytes, opts);
    if (!r.ok) throw new Error(r.error);
    expect(r.rows.map((x) => [x.row, x.sku, x.quantity, x.maxUnitPrice])).toEqual([
      [2, "IPHONE12-64GB-A", 10, "1246.00"],
      [3, "IPAD-9-64-B", 2, "1246.00"],
      [5, "C", undefined, undefined],
    ]);
    expect(r.rows[2]!.errors).toEqual([{ column: "Quantity", message: '"x" is not a whole number' }]);
    expect(declaredUnpackedSize(bytes)).toBeGreaterThan(0);
  });

  it("reads CSV bytes (UTF-8 with a BOM, or Windows-1252) and refuses what is no sheet", async () => {
    const utf8 = await parseSheetBytes(new TextEncoder().encode("\ufeffsku;qty\nÉCRAN-1;2\n"), opts);
    expect(utf8.ok && utf8.rows[0]!.sku).toBe("ÉCRAN-1");
    const cp1252 = await parseSheetBytes(Uint8Array.from([...Buffer.from("sku,qty\n"), 0xc9, ...Buffer.from("X,1\n")]), opts);
    expect(cp1252.ok && cp1252.rows[0]!.sku).toBe("ÉX");
    expect(await parseSheetBytes(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), opts)).toEqual({
      ok: false,
      error: "The file is not a readable XLSX workbook",
    });
    expect((await parseSheetBytes(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), opts)).ok).toBe(false);
    expect(await parseSheetBytes(new Uint8Array(), opts)).toEqual({ ok: false, error: "The file is empty" });
  });
});
