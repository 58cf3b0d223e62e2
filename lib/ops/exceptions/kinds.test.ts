import { describe, expect, it } from "vitest";
import { DEFAULT_SLA_HOURS, EXCEPTION_KINDS, humanHours, KIND_INFO, SLA_STATUSES } from "./kinds";

describe("exception kinds", () => {
  it("every kind has a label and can at least be resolved by hand", () => {
    for (const k of EXCEPTION_KINDS) {
      expect(KIND_INFO[k].label.length).toBeGreaterThan(5);
      expect(KIND_INFO[k].actions).toContain("resolve");
    }
  });
  it("an SLA default for every status that can stall, and submitted → accepted within 4 h", () => {
    expect(Object.keys(DEFAULT_SLA_HOURS).sort()).toEqual([...SLA_STATUSES].sort());
    expect(DEFAULT_SLA_HOURS.submitted).toBe(4);
  });
  it("says durations in hours, then days", () => {
    expect(humanHours(5.7)).toBe("5 h");
    expect(humanHours(48)).toBe("2 d");
    expect(humanHours(75)).toBe("3 d 3 h");
  });
});
