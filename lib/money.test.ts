import { expect, it } from "vitest";
import { formatCents, money, toCents } from "./money";

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
