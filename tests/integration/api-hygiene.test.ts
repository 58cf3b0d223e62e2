// The API's manners toward clients: RateLimit-* headers on every answer (so a client slows down
// before a 429, and sees where it stands on the 429 too), and bodies that refuse fields they do
// not define, naming each one.
import { randomUUID } from "node:crypto";
import { beforeEach, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { redis } from "../../lib/redis";
import { env } from "../../lib/env";
import { address, api, resetState, seedWorld } from "../helpers/harness";

let world: Awaited<ReturnType<typeof seedWorld>>;
beforeEach(async () => {
  await resetState();
  world = await seedWorld({ products: 1 });
});

it("answers RateLimit-Limit, -Remaining, -Reset and -Policy, counting down, and 429 with Retry-After at the limit", async () => {
  const a = await api("/api/products");
  const b = await api("/api/products");
  const limit = env().RATE_LIMIT_PER_MINUTE;
  expect(a.headers.get("ratelimit-limit")).toBe(String(limit));
  expect(a.headers.get("ratelimit-policy")).toBe(`${limit};w=60`);
  expect(Number(a.headers.get("ratelimit-remaining")) - Number(b.headers.get("ratelimit-remaining"))).toBe(1);
  const reset = Number(b.headers.get("ratelimit-reset"));
  expect(reset).toBeGreaterThan(0);
  expect(reset).toBeLessThanOrEqual(60);

  // Fill this key's window up to the limit: the next call is the one over it.
  const key = await db.apiKey.findFirstOrThrow({ where: { companyId: world.company.id } });
  await redis.set(`rl:${key.id}:${Math.floor(Date.now() / 60_000)}`, String(limit), "EX", 61);
  const over = await api("/api/products");
  expect(over.status).toBe(429);
  expect(over.body.error.code).toBe("rate_limited");
  expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(over.headers.get("ratelimit-remaining")).toBe("0");
});

it("refuses an order body with fields it does not define, naming each, and places nothing", async () => {
  const res = await api("/api/orders", {
    method: "POST",
    headers: { "Idempotency-Key": randomUUID() },
    json: {
      items: [{ sku: world.skus[0], quantity: 1, price: "1.00" }],
      shippingAddress: { ...address, zip: "33166" },
      reference: "PO-1",
      currency: "EUR",
    },
  });
  expect(res.status).toBe(422);
  expect(res.body.error.code).toBe("validation_failed");
  expect(res.body.error.fields).toMatchObject({ currency: "Unknown field", "shippingAddress.zip": "Unknown field", "items.0.price": "Unknown field" });
  expect(await db.order.count()).toBe(0);
});

it("a session cookie that is garbage, badly encoded or signed with another secret is a 401, never a 500", async () => {
  for (const cookie of [
    "next-auth.session-token=%E0%A4%A",
    "next-auth.session-token=not-a-jwt",
    "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..x.y.z",
  ]) {
    const res = await api("/api/orders", { key: null, headers: { cookie } });
    expect(res.status, cookie).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
  }
});
