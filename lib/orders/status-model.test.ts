import { describe, expect, it } from "vitest";
import { aggregateStatus, isCancelable, skippedSteps, SUPPLIER_ORDER_STATUSES, transition, type SupplierOrderStatus } from "./status-model";

const HAPPY: SupplierOrderStatus[] = ["pending", "submitted", "accepted", "processing", "shipped", "delivered"];

describe("transition", () => {
  it("moves forward along the happy path, one step or several", () => {
    for (let i = 0; i < HAPPY.length; i++) {
      for (let j = i + 1; j < HAPPY.length; j++) {
        expect(transition(HAPPY[i]!, HAPPY[j]!)).toMatchObject({ apply: true });
      }
    }
  });

  it("never moves backwards: a late event is ignored", () => {
    for (let i = 0; i < HAPPY.length; i++) {
      for (let j = 0; j < i; j++) {
        const r = transition(HAPPY[i]!, HAPPY[j]!);
        expect(r.apply).toBe(false);
      }
    }
    expect(transition("shipped", "processing")).toMatchObject({ apply: false, reason: "backwards" });
  });

  it("treats the same status again as a duplicate", () => {
    for (const s of SUPPLIER_ORDER_STATUSES) expect(transition(s, s)).toMatchObject({ apply: false, reason: "same" });
  });

  it("keeps delivered, rejected and canceled final", () => {
    for (const from of ["delivered", "rejected", "canceled"] as const) {
      for (const to of SUPPLIER_ORDER_STATUSES.filter((s) => s !== from)) {
        expect(transition(from, to)).toMatchObject({ apply: false, reason: "terminal" });
      }
    }
  });

  it("allows rejection and cancellation only before shipment", () => {
    for (const from of ["pending", "submitted", "accepted", "processing"] as const) {
      expect(transition(from, "rejected").apply).toBe(true);
      expect(transition(from, "canceled").apply).toBe(true);
    }
    expect(transition("shipped", "canceled")).toMatchObject({ apply: false, reason: "too_late" });
    expect(transition("shipped", "rejected")).toMatchObject({ apply: false, reason: "too_late" });
  });

  it("lets a failed order be retried (→ pending) or be corrected by the supplier", () => {
    expect(transition("failed", "pending").apply).toBe(true);
    expect(transition("failed", "accepted").apply).toBe(true);
    expect(transition("submitted", "failed").apply).toBe(true);
  });
});

describe("aggregateStatus", () => {
  it("is pending with no supplier orders", () => expect(aggregateStatus([])).toBe("pending"));
  it("is the status of a single supplier order", () => {
    for (const s of HAPPY) expect(aggregateStatus([s])).toBe(s);
  });
  it("shows the least advanced supplier order", () => {
    expect(aggregateStatus(["accepted", "processing"])).toBe("accepted");
    expect(aggregateStatus(["submitted", "delivered", "delivered"])).toBe("partially_shipped");
  });
  it("is partially_shipped while some but not all have shipped", () => {
    expect(aggregateStatus(["shipped", "processing"])).toBe("partially_shipped");
    expect(aggregateStatus(["shipped", "delivered"])).toBe("shipped");
    expect(aggregateStatus(["delivered", "delivered"])).toBe("delivered");
  });
  it("ignores rejected/canceled parts while others live, and ends that way when all did", () => {
    expect(aggregateStatus(["rejected", "shipped"])).toBe("shipped");
    expect(aggregateStatus(["canceled", "canceled"])).toBe("canceled");
    expect(aggregateStatus(["canceled", "rejected"])).toBe("rejected");
  });
  it("is failed when any part failed (ops must act)", () => {
    expect(aggregateStatus(["failed", "delivered"])).toBe("failed");
  });
});

it("isCancelable is true before shipment only", () => {
  expect(isCancelable("processing")).toBe(true);
  expect(isCancelable("shipped")).toBe(false);
  expect(isCancelable("delivered")).toBe(false);
});

describe("skippedSteps", () => {
  it("lists the happy-path steps a forward jump passes over", () => {
    expect(skippedSteps("processing", "delivered")).toEqual(["shipped"]);
    expect(skippedSteps("submitted", "delivered")).toEqual(["accepted", "processing", "shipped"]);
    expect(skippedSteps("accepted", "shipped")).toEqual(["processing"]);
  });
  it("does not infer 'submitted' (a webhook that beats the forward's answer) nor anything for single steps and exits", () => {
    expect(skippedSteps("pending", "accepted")).toEqual([]);
    expect(skippedSteps("pending", "processing")).toEqual(["accepted"]);
    expect(skippedSteps("shipped", "delivered")).toEqual([]);
    expect(skippedSteps("processing", "canceled")).toEqual([]);
    expect(skippedSteps("failed", "delivered")).toEqual([]);
    expect(skippedSteps("delivered", "shipped")).toEqual([]);
  });
});
