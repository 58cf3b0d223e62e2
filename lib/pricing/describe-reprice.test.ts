import { describe, expect, it } from "vitest";
import { describeReprice } from "./describe-reprice";

describe("describeReprice", () => {
  it("says so when no price moved", () => {
    expect(describeReprice({ changed: 0, proposed: 0, withdrawn: 0 })).toBe("No price changed");
  });

  it("counts the prices that moved, singular and plural", () => {
    expect(describeReprice({ changed: 1, proposed: 0, withdrawn: 0 })).toBe("1 price changed");
    expect(describeReprice({ changed: 12, proposed: 0, withdrawn: 0 })).toBe("12 prices changed");
  });

  it("adds the moves waiting for approval and the waiting ones withdrawn", () => {
    expect(describeReprice({ changed: 12, proposed: 3, withdrawn: 0 })).toBe("12 prices changed, 3 waiting for approval");
    expect(describeReprice({ changed: 0, proposed: 2, withdrawn: 0 })).toBe("2 waiting for approval");
    expect(describeReprice({ changed: 0, proposed: 0, withdrawn: 1 })).toBe("No price changed, 1 waiting change withdrawn");
    expect(describeReprice({ changed: 4, proposed: 0, withdrawn: 2 })).toBe("4 prices changed, 2 waiting changes withdrawn");
  });
});
