import { describe, expect, it } from "vitest";
import { parseCsv, parsePriceList, MAX_REPORTED_ERRORS } from "./price-list-csv";

const HEADER = "Brand,Model,Storage,Color,Grade,Price,Stock,SKU";
const ROW1 = "Apple,iPhone 13,128GB,Midnight,A,319.00,60,IPHONE13-128GB-A";
const ROW2 = "Google,Pixel 7,128GB,Obsidian,B,189.5,4,PIXEL7-128GB-B";
const csv = (...lines: string[]) => lines.join("\n");

function errorsOf(text: string) {
  const res = parsePriceList(text);
  if (res.ok) throw new Error("expected errors");
  return res.errors;
}

describe("parseCsv (RFC 4180)", () => {
  it("reads quoted fields with commas, escaped quotes and line breaks, and numbers records by their first line", () => {
    const res = parseCsv('a,"b, c","say ""hi"""\r\n"multi\r\nline",,x\r\nlast,"",z');
    expect(res).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ["a", "b, c", 'say "hi"'] },
        { line: 2, fields: ["multi\nline", "", "x"] },
        { line: 4, fields: ["last", "", "z"] },
      ],
    });
  });

  it("treats LF, CRLF and lone CR alike and keeps a trailing empty field", () => {
    const lf = parseCsv("a,b\nc,\n");
    expect(lf).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ["a", "b"] },
        { line: 2, fields: ["c", ""] },
      ],
    });
    expect(parseCsv("a,b\r\nc,\r\n")).toEqual(lf);
    expect(parseCsv("a,b\rc,\r")).toEqual(lf);
  });

  it("refuses stray quotes and unterminated quoted fields, with the line", () => {
    expect(parseCsv('a,b\nc,d"e\n')).toMatchObject({ ok: false, error: { line: 2, message: expect.stringContaining("unquoted") } });
    expect(parseCsv('a,"b"c\n')).toMatchObject({ ok: false, error: { line: 1, message: expect.stringContaining("closing quote") } });
    expect(parseCsv('a,b\nc,"open\nstill open\n')).toMatchObject({ ok: false, error: { line: 2, message: expect.stringContaining("never closed") } });
  });
});

describe("parsePriceList", () => {
  it("parses a good file into typed rows", () => {
    expect(parsePriceList(csv(HEADER, ROW1, ROW2))).toEqual({
      ok: true,
      rows: [
        { line: 2, brand: "Apple", model: "iPhone 13", storage: "128GB", color: "Midnight", grade: "A", price: "319.00", stock: 60, sku: "IPHONE13-128GB-A" },
        { line: 3, brand: "Google", model: "Pixel 7", storage: "128GB", color: "Obsidian", grade: "B", price: "189.50", stock: 4, sku: "PIXEL7-128GB-B" },
      ],
    });
  });

  it("takes headers in any order and case, ignores extra columns, tolerates a BOM, CRLF and trailing blank lines", () => {
    const text =
      "\uFEFFsku,PRICE,stock,Notes,grade,color,storage,model,BRAND\r\n" +
      'IPHONE13-128GB-A,319.00,60,"Boxed, sealed",a,Midnight,128GB,iPhone 13,Apple\r\n\r\n\r\n';
    const res = parsePriceList(text);
    expect(res).toEqual({ ok: true, rows: [expect.objectContaining({ line: 2, sku: "IPHONE13-128GB-A", grade: "A", brand: "Apple", price: "319.00" })] });
  });

  it("reads quoted values with commas and quotes, and keeps line numbers across multi-line cells", () => {
    const res = parsePriceList(csv(HEADER, 'Apple,"iPhone 13, ""Renewed""",128GB,"Mid\nnight",A,"1319.99",1,X-1', ROW2));
    expect(res.ok && res.rows.map((r) => [r.line, r.model, r.color, r.price])).toEqual([
      [2, 'iPhone 13, "Renewed"', "Mid\nnight", "1319.99"],
      [4, "Pixel 7", "Obsidian", "189.50"],
    ]);
  });

  it("upper-cases SKUs and skips rows of empty cells", () => {
    const res = parsePriceList(csv(HEADER, ",,,,,,,", ROW1.replace("IPHONE13-128GB-A", " iphone13-128gb-a ")));
    expect(res.ok && res.rows.map((r) => [r.line, r.sku])).toEqual([[3, "IPHONE13-128GB-A"]]);
  });

  it("names every missing column, and a doubled one, on line 1", () => {
    expect(errorsOf(csv("Brand,Model,Storage,Colour,Grade,Price,SKU", ROW1))).toEqual([
      { line: 1, column: "Color", message: 'Missing column "Color"' },
      { line: 1, column: "Stock", message: 'Missing column "Stock"' },
    ]);
    expect(errorsOf(csv(`${HEADER},sku`, `${ROW1},X`))).toEqual([{ line: 1, column: "SKU", message: 'Column "SKU" appears twice' }]);
  });

  it("reports a duplicate SKU on the later line, case-insensitively", () => {
    expect(errorsOf(csv(HEADER, ROW1, ROW2, ROW1.replace("IPHONE13-128GB-A", "iphone13-128GB-a")))).toEqual([
      { line: 4, column: "SKU", message: 'SKU "IPHONE13-128GB-A" is already on line 2' },
    ]);
  });

  it("reports bad grade, price and stock with the right line and column", () => {
    const errors = errorsOf(
      csv(
        HEADER,
        ROW1,
        "Apple,iPhone 12,64GB,Blue,D,231.00,5,IPHONE12-64GB-D", // line 3: grade
        "Apple,iPhone 12,64GB,Blue,A+,231.00,5,IPHONE12-64GB-AP", // line 4: grade
        "Apple,iPhone 12,64GB,Blue,A,231.001,5,IPHONE12-64GB-A", // line 5: 3 decimals
        "Apple,iPhone 12,64GB,Blue,B,0,5,IPHONE12-64GB-B", // line 6: zero price
        "Apple,iPhone 12,64GB,Blue,C,-5,5,IPHONE12-64GB-C", // line 7: negative price
        'Apple,iPhone 11,64GB,Black,A,"1,299.00",5,IPHONE11-64GB-A', // line 8: thousands separator
        "Apple,iPhone 11,64GB,Black,B,179,-1,IPHONE11-64GB-B", // line 9: negative stock
        "Apple,iPhone 11,64GB,Black,C,179,2.5,IPHONE11-64GB-C", // line 10: fractional stock
        "Apple,iPhone 11,128GB,White,A,199,,IPHONE11-128GB-A", // line 11: empty stock
        ROW2, // line 12: fine
      ),
    );
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [3, "Grade"],
      [4, "Grade"],
      [5, "Price"],
      [6, "Price"],
      [7, "Price"],
      [8, "Price"],
      [9, "Stock"],
      [10, "Stock"],
      [11, "Stock"],
    ]);
    expect(errors[0]!.message).toBe('Grade must be A, B or C (got "D")');
    expect(errors[3]!.message).toBe('Price must be greater than 0 (got "0")');
    expect(errors[8]!.message).toBe("Stock must be a whole number, 0 or more");
  });

  it("reports every problem of a row, required cells, spaces in SKUs and wrong field counts", () => {
    expect(errorsOf(csv(HEADER, " ,iPhone 12,64GB,Blue,Z,abc,x,IPHONE 12"))).toEqual([
      { line: 2, column: "Brand", message: "Brand is required" },
      { line: 2, column: "Grade", message: 'Grade must be A, B or C (got "Z")' },
      { line: 2, column: "Price", message: 'Price must be an amount like 231.00, with at most 2 decimals (got "abc")' },
      { line: 2, column: "Stock", message: 'Stock must be a whole number, 0 or more (got "x")' },
      { line: 2, column: "SKU", message: 'SKU must not contain spaces (got "IPHONE 12")' },
    ]);
    expect(errorsOf(csv(HEADER, ROW1, "Apple,iPhone 12,64GB"))).toEqual([{ line: 3, message: "Expected 8 fields, found 3" }]);
  });

  it("refuses an empty file, a header without rows, and a CSV syntax error", () => {
    expect(errorsOf("")).toEqual([{ line: 1, message: "The file is empty" }]);
    expect(errorsOf("\uFEFF\r\n\r\n")).toEqual([{ line: 1, message: "The file is empty" }]);
    expect(errorsOf(`${HEADER}\n`)).toEqual([{ line: 2, message: "The price list has no rows" }]);
    expect(errorsOf(csv(HEADER, ROW1, 'Apple,"iPhone 12,64GB'))).toEqual([{ line: 3, message: expect.stringContaining("never closed") }]);
  });

  it("caps the error list", () => {
    const bad = Array.from({ length: MAX_REPORTED_ERRORS + 5 }, (_, i) => `Apple,iPhone,64GB,Blue,Z,1,1,SKU-${i}`);
    const errors = errorsOf(csv(HEADER, ...bad));
    expect(errors).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(errors.at(-1)).toEqual({ line: MAX_REPORTED_ERRORS + 2, message: "…and 5 more errors" });
  });
});
