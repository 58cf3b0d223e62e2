import { describe, expect, it } from "vitest";
import { SupplierError } from "../suppliers/types";
import { backoffDelay } from "./backoff";

describe("backoffDelay", () => {
  it("grows exponentially, within [exp/2, exp]", () => {
    for (let attempt = 1; attempt <= 6; attempt++) {
      const exp = 1000 * 2 ** (attempt - 1);
      expect(backoffDelay(attempt, new Error("x"), 1000, 10 ** 9, () => 0)).toBe(exp / 2);
      expect(backoffDelay(attempt, new Error("x"), 1000, 10 ** 9, () => 1)).toBe(exp);
    }
  });
  it("adds jitter so retries spread out", () => {
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(4, null, 1000)));
    expect(seen.size).toBeGreaterThan(10);
  });
  it("is capped", () => {
    expect(backoffDelay(30, null, 1000, 60_000, () => 1)).toBe(60_000);
  });
  it("waits at least as long as the supplier's Retry-After", () => {
    const err = new SupplierError("slow down", "transient", { status: 429, retryAfterMs: 30_000 });
    expect(backoffDelay(1, err, 1000, 300_000, () => 0)).toBe(30_000);
  });
});
