import { describe, expect, it } from "vitest";
import { forwardsFirst } from "./forwards-first";

describe("forwardsFirst", () => {
  it("throttles email slots above the forward backlog and restores them at half of it", () => {
    const email = { concurrency: 100 };
    const gate = forwardsFirst(email, { full: 100, throttled: 4, backlog: 4 });
    for (let i = 0; i < 4; i++) gate.started();
    expect(email.concurrency).toBe(100);
    gate.started(); // 5 in flight > 4
    expect(email.concurrency).toBe(4);
    expect(gate.throttled).toBe(true);
    gate.finished(); // 4
    gate.finished(); // 3: still above half
    expect(email.concurrency).toBe(4);
    gate.finished(); // 2 = half
    expect(email.concurrency).toBe(100);
    expect(gate.throttled).toBe(false);
  });
});
