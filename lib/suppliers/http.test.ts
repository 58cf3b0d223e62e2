import { describe, expect, it, vi } from "vitest";
import { parseRetryAfter, redactUrl, supplierFetch } from "./http";
import { SupplierError } from "./types";

const respond = (status: number, body: string, headers: Record<string, string> = {}) =>
  vi.fn(async () => new Response(body, { status, headers })) as unknown as typeof fetch;

const run = (fetchImpl: typeof fetch, observer = vi.fn()) =>
  supplierFetch({ operation: "x.op", method: "GET", url: "https://s.test/v1/a?api_key=SECRET&page=2", timeoutMs: 200, observer, fetchImpl });

async function failure(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SupplierError);
  return err as SupplierError;
}

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    const now = Date.parse("2025-10-30T18:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Thu, 30 Oct 2025 18:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Thu, 30 Oct 2025 17:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe("redactUrl", () => {
  it("masks secret-looking query values and userinfo", () => {
    expect(redactUrl("https://u:p@s.test/a?api_key=k&token=t&page=2")).toBe("https://s.test/a?api_key=%5Bredacted%5D&token=%5Bredacted%5D&page=2");
  });
});

describe("supplierFetch", () => {
  it("returns parsed JSON and reports the call", async () => {
    const observer = vi.fn();
    const res = await run(respond(200, '{"a":1}'), observer);
    expect(res.body).toEqual({ a: 1 });
    expect(observer).toHaveBeenCalledWith(expect.objectContaining({ operation: "x.op", method: "GET", statusCode: 200, ok: true }));
    expect(JSON.stringify(observer.mock.calls)).not.toContain("SECRET");
  });

  it("classifies statuses", async () => {
    expect(await failure(run(respond(503, "")))).toMatchObject({ kind: "transient", details: { status: 503 } });
    expect(await failure(run(respond(429, "", { "retry-after": "3" })))).toMatchObject({ kind: "transient", details: { retryAfterMs: 3000 } });
    for (const s of [400, 401, 403, 404, 409, 422]) {
      const err = await failure(run(respond(s, JSON.stringify({ error: { code: `c${s}`, message: "m" } }))));
      expect(err).toMatchObject({ kind: "permanent", details: { status: s, code: `c${s}` } });
    }
    expect(await failure(run(respond(302, "", { location: "https://elsewhere.test" })))).toMatchObject({ kind: "permanent" });
  });

  it("treats network errors and timeouts as transient and still reports them", async () => {
    const observer = vi.fn();
    const boom = vi.fn(async () => {
      throw new TypeError("fetch failed");
    }) as unknown as typeof fetch;
    expect(await failure(run(boom, observer))).toMatchObject({ kind: "transient", details: { code: "network" } });
    expect(observer).toHaveBeenCalledWith(expect.objectContaining({ ok: false, statusCode: null, error: "network" }));
    const hang = ((_u: unknown, init?: RequestInit) =>
      new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)))) as typeof fetch;
    expect(await failure(run(hang))).toMatchObject({ kind: "transient", details: { code: "timeout" } });
  });

  it("a failing observer does not fail the call", async () => {
    const observer = vi.fn(async () => {
      throw new Error("db down");
    });
    await expect(run(respond(200, "{}"), observer)).resolves.toMatchObject({ status: 200 });
  });
});
