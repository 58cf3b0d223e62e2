import { describe, expect, it } from "vitest";
import { OFFER_ACTIONS, OFFER_STATUSES, awaiting, isFinal, transition, type OfferActor, type OfferStatus } from "./state-machine";

const ok = (s: OfferStatus, a: Parameters<typeof transition>[1], by: OfferActor) => {
  const t = transition(s, a, by);
  return t.ok ? t.to : null;
};

describe("offer state machine", () => {
  it("follows the negotiation: ops counter, the buyer counters back, ops accept, the buyer orders", () => {
    expect(ok("open", "counter", "ops")).toBe("countered");
    expect(ok("countered", "counter", "buyer")).toBe("open");
    expect(ok("open", "accept", "ops")).toBe("accepted");
    expect(ok("accepted", "order", "buyer")).toBe("ordered");
    expect(ok("countered", "accept", "buyer")).toBe("accepted");
    expect(ok("countered", "decline", "buyer")).toBe("declined");
    expect(ok("open", "decline", "ops")).toBe("declined");
  });

  it("lets only the side whose turn it is act, and the buyer withdraw while nothing is agreed", () => {
    expect(ok("open", "accept", "buyer")).toBeNull();
    expect(ok("open", "counter", "buyer")).toBeNull();
    expect(ok("countered", "accept", "ops")).toBeNull();
    expect(ok("countered", "counter", "ops")).toBeNull();
    expect(ok("open", "withdraw", "buyer")).toBe("withdrawn");
    expect(ok("countered", "withdraw", "buyer")).toBe("withdrawn");
    expect(ok("accepted", "withdraw", "buyer")).toBeNull();
    expect(ok("open", "withdraw", "ops")).toBeNull();
    const t = transition("open", "accept", "buyer");
    expect(t.ok ? "" : t.reason).toMatch(/not your turn.*waiting for ops/);
  });

  it("expires open, countered and held offers only, by the system only", () => {
    for (const s of ["open", "countered", "accepted"] as const) expect(ok(s, "expire", "system")).toBe("expired");
    expect(ok("open", "expire", "ops")).toBeNull();
    expect(ok("ordered", "expire", "system")).toBeNull();
  });

  it("has no edge out of a final status, for anyone", () => {
    for (const s of OFFER_STATUSES.filter(isFinal))
      for (const a of OFFER_ACTIONS) for (const by of ["buyer", "ops", "system"] as const) expect(ok(s, a, by), `${s} ${a} ${by}`).toBeNull();
    expect(OFFER_STATUSES.filter(isFinal)).toEqual(["declined", "expired", "withdrawn", "ordered"]);
  });

  it("says whose move it is", () => {
    expect(awaiting("open")).toBe("ops");
    expect(awaiting("countered")).toBe("buyer");
    expect(awaiting("declined")).toBeNull();
  });
});
