import { describe, expect, it } from "vitest";
import { alertFor, alertStateFor } from "./alert-state";

describe("alertStateFor", () => {
  it("out at 0, low at or below the threshold, ok above", () => {
    expect(alertStateFor(0, 5)).toBe("out");
    expect(alertStateFor(-2, 5)).toBe("out");
    expect(alertStateFor(1, 5)).toBe("low");
    expect(alertStateFor(5, 5)).toBe("low");
    expect(alertStateFor(6, 5)).toBe("ok");
    // Threshold 0: only out-of-stock alerts.
    expect(alertStateFor(1, 0)).toBe("ok");
  });
});

describe("alertFor: only a move to a worse state alerts", () => {
  it.each([
    ["ok", "low", "low"],
    ["ok", "out", "out"],
    ["low", "out", "out"],
    ["low", "low", null],
    ["out", "out", null],
    ["out", "low", null],
    ["out", "ok", null],
    ["low", "ok", null],
    ["garbage", "low", "low"],
  ] as const)("%s → %s: %s", (prev, next, alert) => {
    expect(alertFor(prev, next)).toBe(alert);
  });
});
