import { describe, expect, it } from "vitest";
import { ORDER_STATUSES } from "../orders/status-model";
import { statusLabel } from "./status-labels";

describe("statusLabel", () => {
  it("spells order statuses out for people", () => {
    expect(statusLabel("partially_shipped")).toBe("Partially shipped");
    expect(statusLabel("pending")).toBe("Pending");
    expect(statusLabel("canceled")).toBe("Canceled");
  });

  it("labels every order status with a capitalised word and no underscore", () => {
    for (const s of ORDER_STATUSES) expect(statusLabel(s)).toMatch(/^[A-Z][a-z]+( [a-z]+)*$/);
  });

  it("turns other lists' words into labels too", () => {
    expect(statusLabel("success")).toBe("Succeeded");
    expect(statusLabel("auto_accepted")).toBe("Auto accepted");
    expect(statusLabel("NEEDS-REVIEW")).toBe("Needs review");
    expect(statusLabel("")).toBe("");
  });
});
