// API keys are cached per process for at most API_KEY_CACHE_MS (1 s): a
// client sending many requests costs one key lookup a second, and a revoked
// key stops working within that second on every instance.
import { beforeEach, expect, it } from "vitest";
import { API_KEY_CACHE_MS } from "../../lib/auth/api-keys";
import { db } from "../../lib/db/client";
import { api, resetState, seedWorld } from "../helpers/harness";

beforeEach(async () => {
  await resetState();
  await seedWorld({ products: 1 });
});

it("a revoked key is refused within the cache's bound (a second) and stays refused", async () => {
  expect((await api("/api/products")).status).toBe(200);
  const key = await db.apiKey.findFirstOrThrow();
  await db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
  const revokedAt = Date.now();
  let refusedAfter: number | null = null;
  while (Date.now() - revokedAt < API_KEY_CACHE_MS + 1500) {
    const res = await api("/api/products");
    if (res.status === 401) {
      refusedAfter = Date.now() - revokedAt;
      break;
    }
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(refusedAfter).not.toBeNull();
  expect(refusedAfter!).toBeLessThanOrEqual(API_KEY_CACHE_MS + 250);
  // And stays refused.
  expect((await api("/api/products")).status).toBe(401);
});
