import { expect, it } from "vitest";
import { formatCents, formatMoney, money, toCents } from "./money";

it("parses and prints two-place decimal strings without float error", () => {
  expect(toCents("231.00")).toBe(23100);
  expect(toCents("0.1")).toBe(10);
  expect(toCents(231)).toBe(23100);
  expect(toCents("19.995")).toBe(2000);
  expect(formatCents(231000)).toBe("2310.00");
  expect(formatCents(-5)).toBe("-0.05");
  expect(money({ toString: () => "12.5" })).toBe("12.50");
  expect(() => toCents("12,50")).toThrow();
});

it("shows money one way: currency sign, thousands separators, two places", () => {
  expect(formatMoney("1246")).toBe("$1,246.00");
  expect(formatMoney("2310.5")).toBe("$2,310.50");
  expect(formatMoney("1234567.89")).toBe("$1,234,567.89");
  expect(formatMoney("0.05")).toBe("$0.05");
  expect(formatMoney("-1.5")).toBe("-$1.50");
  expect(formatMoney(231)).toBe("$231.00");
  expect(formatMoney("19.995")).toBe("$20.00");
  expect(formatMoney("2310.00", "eur")).toBe("2,310.00 EUR");
  expect(() => formatMoney("12,50")).toThrow();
});
