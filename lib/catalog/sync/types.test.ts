import { describe, expect, it } from "vitest";
import { progressPercent } from "./types";

describe("progressPercent", () => {
  it("is 100 only for a finished run", () => {
    expect(progressPercent({ status: "success", processed: 0, total: 0 })).toBe(100);
    expect(progressPercent({ status: "running", processed: 100, total: 100, phase: "staging" })).toBe(98);
    expect(progressPercent({ status: "running", processed: 1, total: 100, phase: "applying" })).toBe(99);
  });
  it("is the share processed while staging, and 0 without an estimate", () => {
    expect(progressPercent({ status: "running", processed: 25, total: 100, phase: "staging" })).toBe(25);
    expect(progressPercent({ status: "running", processed: 25, total: 0, phase: "staging" })).toBe(0);
    expect(progressPercent({ status: "error", processed: 40, total: 100, phase: "staging" })).toBe(40);
  });
});
