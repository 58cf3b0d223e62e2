import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SyncProgressEvent } from "./types";

const sent = vi.hoisted(() => [] as SyncProgressEvent[]);
vi.mock("../../events/publish", () => ({ publishEvent: async (e: SyncProgressEvent) => void sent.push(e) }));
const { createProgressPublisher } = await import("./publish-sync-progress");

const ev = (processed: number): SyncProgressEvent => ({
  type: "sync.progress",
  syncLogId: "l",
  supplierId: "s",
  supplierSlug: "phonex",
  kind: "stock",
  status: "running",
  phase: "staging",
  processed,
  total: 100,
  seen: 0,
  added: 0,
  changed: 0,
  deactivated: 0,
  failed: 0,
  message: null,
  durationMs: null,
  updatedAt: "",
});

describe("createProgressPublisher", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    sent.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  it("sends at most one event per interval, then the newest one at its end", async () => {
    const p = createProgressPublisher(250);
    for (let i = 1; i <= 50; i++) await p.publish(ev(i));
    expect(sent.map((e) => e.processed)).toEqual([1]);
    await vi.advanceTimersByTimeAsync(250);
    expect(sent.map((e) => e.processed)).toEqual([1, 50]);
    p.stop();
  });

  it("sends a forced event at once and drops the pending one", async () => {
    const p = createProgressPublisher(250);
    await p.publish(ev(1));
    await p.publish(ev(2));
    await p.publish({ ...ev(3), status: "success" }, true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent.map((e) => [e.processed, e.status])).toEqual([
      [1, "running"],
      [3, "success"],
    ]);
  });
});
