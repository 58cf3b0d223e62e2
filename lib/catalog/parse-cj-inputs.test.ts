import { describe, expect, it } from "vitest";
import { parseCjInput, parseCjInputs } from "./parse-cj-inputs";

describe("parseCjInput", () => {
  it("reads the pid out of CJ product URLs", () => {
    expect(parseCjInput("https://cjdropshipping.com/product/iphone-13-128gb-p-1563722617063092224.html")).toEqual({ ref: "1563722617063092224" });
    expect(parseCjInput("https://www.cjdropshipping.com/product/usb-c-p-cable-p-CJ-PID-1004.html")).toEqual({ ref: "CJ-PID-1004" });
    expect(parseCjInput("cjdropshipping.com/product/x-p-2F3A1B2C-0000-4000-8000-000000000001.html")).toEqual({ ref: "2F3A1B2C-0000-4000-8000-000000000001" });
    expect(parseCjInput("https://app.cjdropshipping.com/product-detail.html?id=1563722617063092224&from=list")).toEqual({ ref: "1563722617063092224" });
    expect(parseCjInput("https://cjdropshipping.com/product/iphone-p-123456789012.html?utm=1#top")).toEqual({ ref: "123456789012" });
  });

  it("takes a bare pid or SKU as it is", () => {
    expect(parseCjInput("CJ-PID-1001")).toEqual({ ref: "CJ-PID-1001" });
    expect(parseCjInput(" IPHONE13-128GB-B ")).toEqual({ ref: "IPHONE13-128GB-B" });
    expect(parseCjInput("1563722617063092224")).toEqual({ ref: "1563722617063092224" });
  });

  it("refuses other sites, URLs without an id and garbage", () => {
    expect(parseCjInput("https://example.com/product/x-p-123.html")).toEqual({ reason: "Not a CJ Dropshipping URL" });
    expect(parseCjInput("https://evilcjdropshipping.com/product/x-p-123.html")).toEqual({ reason: "Not a CJ Dropshipping URL" });
    expect(parseCjInput("https://cjdropshipping.com/search?q=phone")).toEqual({ reason: "No CJ product id in this URL" });
    expect(parseCjInput("<script>")).toEqual({ reason: "Not a CJ product id, SKU or URL" });
    expect(parseCjInput("x".repeat(101))).toEqual({ reason: "Not a CJ product id, SKU or URL" });
  });
});

describe("parseCjInputs", () => {
  it("splits pasted lists, drops blanks and reports duplicates once fetched", () => {
    const r = parseCjInputs([
      "CJ-PID-1001\n\nhttps://cjdropshipping.com/product/iphone-p-CJ-PID-1001.html",
      "CJ-PID-1002, cj-pid-1002 ; bad<",
      "  ",
      "CJ-PID-1002",
    ]);
    expect(r.refs).toEqual([
      { input: "CJ-PID-1001", ref: "CJ-PID-1001" },
      { input: "CJ-PID-1002", ref: "CJ-PID-1002" },
    ]);
    expect(r.duplicates).toEqual([
      { input: "https://cjdropshipping.com/product/iphone-p-CJ-PID-1001.html", reason: "Same product as CJ-PID-1001" },
      { input: "cj-pid-1002", reason: "Same product as CJ-PID-1002" },
      { input: "CJ-PID-1002", reason: "Listed twice" },
    ]);
    expect(r.refused).toEqual([{ input: "bad<", reason: "Not a CJ product id, SKU or URL" }]);
  });
});
