import { describe, expect, it } from "vitest";
import { roundUp } from "./round-price";

const r = (cents: number, mode: string) => roundUp(cents, mode);

describe("roundUp", () => {
  it("none keeps the cents", () => {
    expect(r(23001, "none")).toBe(23001);
    expect(r(1, "none")).toBe(1);
  });

  it("whole goes up to the next dollar, a whole dollar stays", () => {
    expect(r(23001, "whole")).toBe(23100);
    expect(r(23000, "whole")).toBe(23000);
    expect(r(23099, "whole")).toBe(23100);
  });

  it(".99: 230.01 → 230.99, 230.99 stays, 231.00 → 231.99 (never down)", () => {
    expect(r(23001, ".99")).toBe(23099);
    expect(r(23099, ".99")).toBe(23099);
    expect(r(23100, ".99")).toBe(23199);
    expect(r(23000, ".99")).toBe(23099);
    expect(r(1, ".99")).toBe(99);
  });

  it(".49/.99 picks the next of the two endings", () => {
    expect(r(23001, ".49/.99")).toBe(23049);
    expect(r(23049, ".49/.99")).toBe(23049);
    expect(r(23050, ".49/.99")).toBe(23099);
    expect(r(23099, ".49/.99")).toBe(23099);
    expect(r(23100, ".49/.99")).toBe(23149);
  });

  it(".95 and 9.99", () => {
    expect(r(23096, ".95")).toBe(23195);
    expect(r(23095, ".95")).toBe(23095);
    expect(r(23001, "9.99")).toBe(23999);
    expect(r(23999, "9.99")).toBe(23999);
    expect(r(24000, "9.99")).toBe(24999);
  });

  it("an unknown mode leaves the price alone", () => {
    expect(r(23001, ".77")).toBe(23001);
  });
});
