import { describe, expect, it } from "vitest";
import { coalesce, eachSettled, type BatchResult } from "./coalesce";

const tick = () => new Promise((r) => setImmediate(r));

describe("coalesce", () => {
  it("answers concurrent calls from one batch, each with its own result", async () => {
    const batches: number[][] = [];
    const double = coalesce<number, number>(
      async (xs) => {
        batches.push(xs);
        return xs.map((x) => ({ ok: true, value: x * 2 }));
      },
      { maxBatch: 100 },
    );
    const out = await Promise.all([1, 2, 3, 4].map(double));
    expect(out).toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1, 2, 3, 4]]);
  });

  it("gives each caller its own error and leaves the others' results alone", async () => {
    const f = coalesce<number, number>(
      async (xs) => xs.map((x): BatchResult<number> => (x % 2 ? { ok: false, error: new Error(`odd ${x}`) } : { ok: true, value: x })),
      {
        maxBatch: 10,
      },
    );
    const r = await Promise.allSettled([1, 2, 3].map(f));
    expect(r.map((s) => (s.status === "fulfilled" ? s.value : (s.reason as Error).message))).toEqual(["odd 1", 2, "odd 3"]);
  });

  it("rejects every caller of a batch whose exec throws, and keeps serving later calls", async () => {
    let fail = true;
    const f = coalesce<number, number>(
      async (xs) => {
        if (fail) throw new Error("database away");
        return xs.map((x) => ({ ok: true, value: x }));
      },
      { maxBatch: 10 },
    );
    const r = await Promise.allSettled([1, 2].map(f));
    expect(r.every((s) => s.status === "rejected" && (s.reason as Error).message === "database away")).toBe(true);
    fail = false;
    expect(await f(7)).toBe(7);
  });

  it("splits at maxBatch and gathers callers while the in-flight batch runs", async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const f = coalesce<number, number>(
      async (xs) => {
        batches.push(xs);
        if (batches.length === 1) await gate;
        return xs.map((x) => ({ ok: true, value: x }));
      },
      { maxBatch: 3, maxInFlight: 1 },
    );
    const first = f(0);
    await tick();
    await tick();
    // The first batch is running: these seven wait and go in batches of at most three.
    const rest = [1, 2, 3, 4, 5, 6, 7].map(f);
    await tick();
    expect(batches).toEqual([[0]]);
    release();
    expect(await Promise.all([first, ...rest])).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(batches).toEqual([[0], [1, 2, 3], [4, 5, 6], [7]]);
  });

  it("runs up to maxInFlight batches at once", async () => {
    let running = 0;
    let peak = 0;
    const f = coalesce<number, number>(
      async (xs) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return xs.map((x) => ({ ok: true, value: x }));
      },
      { maxBatch: 1, maxInFlight: 3 },
    );
    await Promise.all(Array.from({ length: 9 }, (_, i) => f(i)));
    expect(peak).toBe(3);
  });

  it("refuses a result list of the wrong length", async () => {
    const f = coalesce<number, number>(async () => [], { maxBatch: 10 });
    await expect(f(1)).rejects.toThrow(/0 results for 1 inputs/);
  });
});

describe("eachSettled", () => {
  it("reports each outcome in order", async () => {
    const r = await eachSettled([1, 2], async (x) => {
      if (x === 2) throw new Error("two");
      return x;
    });
    expect(r[0]).toEqual({ ok: true, value: 1 });
    expect(r[1]!.ok).toBe(false);
  });
});

describe("coalesce and the log context", () => {
  it("runs a batch in its callers' request when they share one, else lists them; each caller resumes in its own", async () => {
    const { logContext, withLogContext } = await import("./logger");
    const seen: unknown[] = [];
    const echo = coalesce<number, number>(
      async (xs) => {
        seen.push(logContext());
        return xs.map((x) => ({ ok: true, value: x }));
      },
      { maxBatch: 100 },
    );
    await Promise.all([1, 2].map((x) => withLogContext({ requestId: "a" }, () => echo(x))));
    const after = await Promise.all(
      ["a", "b"].map((id, i) =>
        withLogContext({ requestId: id }, async () => {
          await echo(i);
          return logContext()?.requestId;
        }),
      ),
    );
    await echo(9);
    expect(seen).toEqual([{ requestId: "a" }, { requestIds: ["a", "b"] }, {}]);
    expect(after).toEqual(["a", "b"]);
  });
});
