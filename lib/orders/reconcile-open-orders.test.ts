import { beforeEach, describe, expect, it, vi } from "vitest";

// The reconciler's query, without a database: which open orders are due is a
// where clause built from the kinds' poll policies.
const found: { where: unknown }[] = [];
const added: unknown[][] = [];
vi.mock("../db/client", () => ({
  db: { supplierOrder: { findMany: async (args: { where: unknown }) => (found.push(args), [{ id: "so-1" }, { id: "so-2" }]) } },
}));
vi.mock("../env", () => ({ env: () => ({ RECONCILE_AFTER_MS: 600_000, POLL_EVERY_MS: 60_000 }) }));
vi.mock("../queue/connection", () => ({ getQueue: () => ({ addBulk: async (jobs: unknown[]) => void added.push(jobs) }) }));

const { reconcileOpenOrders } = await import("./reconcile-open-orders");

beforeEach(() => {
  found.length = 0;
  added.length = 0;
});

describe("reconcileOpenOrders", () => {
  it("polls kinds without webhooks at the poll rate until shipped, then quietly for 30 days; the others when quiet", async () => {
    const now = new Date("2026-03-01T12:00:00Z");
    const at = (msAgo: number) => new Date(now.getTime() - msAgo);
    const quiet = [{ syncedAt: null }, { syncedAt: { lt: at(600_000) } }];
    expect(await reconcileOpenOrders(now)).toBe(2);
    expect(found[0]!.where).toEqual({
      status: { in: ["submitted", "accepted", "processing", "shipped"] },
      OR: [
        { supplier: { type: { in: ["phonex", "cj"] } }, OR: quiet },
        { supplier: { type: { in: ["wesellcellular"] } }, status: { not: "shipped" }, OR: [{ syncedAt: null }, { syncedAt: { lt: at(60_000) } }] },
        { supplier: { type: { in: ["wesellcellular"] } }, status: "shipped", submittedAt: { gt: at(30 * 24 * 3600 * 1000) }, OR: quiet },
      ],
    });
    const bucket = Math.floor(now.getTime() / 60_000);
    expect(added[0]).toEqual([
      expect.objectContaining({ data: { supplierOrderId: "so-1" }, opts: { jobId: `poll-so-1-${bucket}`, attempts: 3 } }),
      expect.objectContaining({ data: { supplierOrderId: "so-2" }, opts: { jobId: `poll-so-2-${bucket}`, attempts: 3 } }),
    ]);
  });
});
