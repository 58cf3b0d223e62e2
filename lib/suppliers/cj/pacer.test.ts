import { describe, expect, it, vi } from "vitest";
import { SupplierError } from "../types";
import { MemoryCjAccountState } from "./account-state";
import { cjError, CJ_CODES } from "./errors";
import { CjPacer, cjBackoffMs, CJ_BACKOFF_CAP_MS, CJ_QPS_TTL_MS } from "./pacer";
import { cjSettingsSchema } from "./schemas";

const parse = (data: unknown) => cjSettingsSchema.parse(data);

describe("GET /setting/get parsing", () => {
  it("reads setting.qpsLimit from CJ's documented answer", () => {
    // The example of CJ's API 2.0 docs, "Settings → Get Settings".
    const docs = {
      openId: 1,
      openName: "121 2322",
      openEmail: "v0pjsw5t@linshiyouxiang.net",
      setting: { quotaLimits: [{ quotaUrl: "/api2.0/v1/setting/account/get", quotaLimit: 74, quotaType: 0 }], qpsLimit: 100 },
      callback: { product: { type: "ENABLE", urls: ["https://your-domain.com/api2.0/"] }, order: { type: "CANCEL", urls: [] } },
      root: "GENERAL",
      isSandbox: false,
    };
    expect(parse(docs)).toEqual({ openId: "1", qpsLimit: 100 });
    expect(parse({ ...docs, setting: { ...docs.setting, qpsLimit: 1 } }).qpsLimit).toBe(1);
  });

  it("is lenient: a numeric string, other names, setting as a list, or the field on data itself", () => {
    expect(parse({ setting: { qpsLimit: "2" } }).qpsLimit).toBe(2);
    expect(parse({ setting: { qps: 4 } }).qpsLimit).toBe(4);
    expect(parse({ setting: [{ quotaLimits: [] }, { qpsLimit: 6 }] }).qpsLimit).toBe(6);
    expect(parse({ qpsLimit: 1 }).qpsLimit).toBe(1);
  });

  it("a missing, zero, negative or garbage QPS is 'not told' (null), never a failed parse", () => {
    for (const data of [
      {},
      { setting: null },
      { setting: { qpsLimit: 0 } },
      { setting: { qpsLimit: -1 } },
      { setting: { qpsLimit: "fast" } },
      { setting: "x" },
    ]) {
      expect(parse(data)).toMatchObject({ qpsLimit: null });
    }
    expect(cjSettingsSchema.safeParse(null).success).toBe(false);
  });
});

describe("1600200 backoff", () => {
  it("doubles per consecutive 1600200 from 1 s, capped at 60 s", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => cjBackoffMs(n, mid))).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  });

  it("jitters ±25 % and never past the cap", () => {
    expect(cjBackoffMs(1, () => 0)).toBe(750);
    expect(cjBackoffMs(1, () => 0.999999)).toBe(1250);
    expect(cjBackoffMs(3, () => 0)).toBe(3000);
    for (let i = 0; i < 200; i++) {
      const ms = cjBackoffMs(1 + (i % 10));
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThanOrEqual(CJ_BACKOFF_CAP_MS);
    }
  });
});

function pacer(o: { configured?: number; told?: number | null; state?: MemoryCjAccountState; maxWaitMs?: number } = {}) {
  const state = o.state ?? new MemoryCjAccountState();
  const fetchQps = vi.fn(async () => (o.told === undefined ? 1 : o.told));
  const p = new CjPacer({ state, configuredQps: o.configured ?? 4, fetchQps, random: () => 0.5, maxWaitMs: o.maxWaitMs });
  return { p, state, fetchQps };
}
const tooMany = () => cjError("cj.getOrderDetail", CJ_CODES.TOO_MANY_REQUESTS, "slow down", 200);

describe("CjPacer", () => {
  it("paces to min(account QPS, configured), asking CJ once and caching it for a day", async () => {
    const { p, state, fetchQps } = pacer({ configured: 4, told: 1 });
    expect(await p.limit()).toBe(1);
    expect(await p.limit()).toBe(1);
    expect(fetchQps).toHaveBeenCalledTimes(1);
    expect(await state.readQps()).toBe(1);
    expect(await pacer({ configured: 2, told: 6 }).p.limit()).toBe(2);
    // Another process (same shared state) does not ask again.
    const other = pacer({ state, told: 6 });
    expect(await other.p.limit()).toBe(1);
    expect(other.fetchQps).not.toHaveBeenCalled();
    expect(CJ_QPS_TTL_MS).toBe(24 * 60 * 60 * 1000);
  });

  it("falls back to the configured rate when CJ does not tell, or /setting/get fails", async () => {
    expect(await pacer({ configured: 3, told: null }).p.limit()).toBe(3);
    const state = new MemoryCjAccountState();
    const failing = new CjPacer({ state, configuredQps: 3, fetchQps: async () => Promise.reject(new Error("404")) });
    expect(await failing.limit()).toBe(3);
    expect(await state.readQps()).toBeNull();
  });

  it("concurrent first calls share one /setting/get", async () => {
    const { p, fetchQps } = pacer({ told: 2 });
    await Promise.all([p.limit(), p.limit(), p.limit()]);
    expect(fetchQps).toHaveBeenCalledTimes(1);
  });

  it("a 1600200 carries a growing retryAfterMs; any other CJ answer ends the run", async () => {
    const { p } = pacer();
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) waits.push(((await p.settle(tooMany())) as SupplierError).details.retryAfterMs!);
    expect(waits).toEqual([1000, 2000, 4000, 8000]);
    const again = (await p.settle(tooMany())) as SupplierError;
    expect(again).toMatchObject({ kind: "transient", details: { code: "rate_limited", status: 200, retryAfterMs: 16000 } });
    // CJ admitted a call (a CJ "not found" counts: it was not refused for the rate).
    await p.settle(cjError("cj.getOrderDetail", CJ_CODES.ORDER_NOT_FOUND));
    expect(((await p.settle(tooMany())) as SupplierError).details.retryAfterMs).toBe(1000);
    await p.settle(null);
    expect(((await p.settle(tooMany())) as SupplierError).details.retryAfterMs).toBe(1000);
    // A network error says nothing about the rate: the run goes on.
    await p.settle(new SupplierError("network", "transient", { code: "network" }));
    expect(((await p.settle(tooMany())) as SupplierError).details.retryAfterMs).toBe(2000);
  });

  it("re-reads the account's QPS after 3 × 1600200 within a minute", async () => {
    const { p, state, fetchQps } = pacer({ told: 2 });
    expect(await p.limit()).toBe(2);
    fetchQps.mockResolvedValue(1);
    await p.settle(tooMany());
    await p.settle(tooMany());
    expect(await p.limit()).toBe(2);
    await p.settle(tooMany());
    expect(await state.readQps()).toBeNull();
    expect(await p.limit()).toBe(1);
    expect(fetchQps).toHaveBeenCalledTimes(2);
    // The 4th and later in the same minute do not ask again.
    await p.settle(tooMany());
    expect(await p.limit()).toBe(1);
    expect(fetchQps).toHaveBeenCalledTimes(2);
  });

  it("spaces calls one pace window apart at 1 QPS", async () => {
    const { p } = pacer({ told: 1 });
    const started = performance.now();
    await p.slot("a");
    await p.slot("b");
    await p.slot("c");
    expect(performance.now() - started).toBeGreaterThan(2 * 1200 - 50);
  });

  it("holds a call back as rate_limited instead of waiting longer than maxWaitMs", async () => {
    const { p } = pacer({ told: 1, maxWaitMs: 300 });
    await p.slot("first");
    const err = await p.slot("second").then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SupplierError);
    expect(err).toMatchObject({ kind: "transient", details: { code: "rate_limited" } });
    expect((err as SupplierError).details.retryAfterMs).toBeGreaterThan(800);
  });

  it("shared state failing (Redis down) never fails a call", async () => {
    const broken = new MemoryCjAccountState();
    const boom = () => Promise.reject(new Error("redis down"));
    Object.assign(broken, { readQps: boom, saveQps: boom, takeSlot: boom, noteRateLimited: boom, clearStreak: boom, forgetQps: boom });
    const p = new CjPacer({ state: broken, configuredQps: 4, fetchQps: async () => 1, random: () => 0.5 });
    expect(await p.limit()).toBe(1);
    await p.slot("x");
    expect(((await p.settle(tooMany())) as SupplierError).details.retryAfterMs).toBe(1000);
  });
});
