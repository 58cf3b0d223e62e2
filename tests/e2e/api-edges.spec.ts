// The API's edges on the real Next.js server (not the integration tests' route
// harness): what Next itself would answer before any route handler runs.
import { expect, test } from "@playwright/test";

const KEY = process.env.DEMO_API_KEY ?? "";

test("a path id that is not valid percent-encoding gets the API's JSON 404, not Next's plain-text 500", async ({ request }) => {
  for (const path of ["/api/orders/%ff", "/api/orders/%E0%A4%A", "/api/orders/%ff/cancel", "/api/webhooks/%c0"]) {
    const res = await request.fetch(path, {
      method: path.includes("cancel") || path.includes("webhooks") ? "POST" : "GET",
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(res.status(), path).toBe(404);
    expect((await res.json()).error.code, path).toBe("not_found");
  }
});

test("a NUL in a path id or the query is a 422 naming the field", async ({ request }) => {
  const headers = { authorization: `Bearer ${KEY}` };
  const id = await request.get("/api/orders/abc%00", { headers });
  expect(id.status()).toBe(422);
  expect((await id.json()).error.fields).toHaveProperty("id");
  const q = await request.get("/api/products?brand=%00", { headers });
  expect(q.status()).toBe(422);
  expect((await q.json()).error.fields).toHaveProperty("brand");
});

test("an /api path no route defines answers the JSON error shape, for any method", async ({ request }) => {
  for (const [method, path] of [
    ["GET", "/api/nope"],
    ["POST", "/api/orders/x/unknown"],
    ["DELETE", "/api/v2/orders"],
  ] as const) {
    const res = await request.fetch(path, { method });
    expect(res.status(), `${method} ${path}`).toBe(404);
    expect((await res.json()).error.code).toBe("not_found");
  }
});

test("a method a route does not serve answers 405 in the JSON error shape, with Allow", async ({ request }) => {
  for (const [method, path, allow] of [
    ["POST", "/api/products", "GET, HEAD, OPTIONS"],
    ["DELETE", "/api/orders", "GET, POST, HEAD, OPTIONS"],
    ["GET", "/api/orders/x/cancel", "POST, OPTIONS"],
    ["PUT", "/api/ping", "GET, HEAD, OPTIONS"],
  ] as const) {
    const res = await request.fetch(path, { method });
    expect(res.status(), `${method} ${path}`).toBe(405);
    expect(res.headers()["allow"], `${method} ${path}`).toBe(allow);
    expect((await res.json()).error.code).toBe("method_not_allowed");
  }
});
