// GET /api/openapi.json: valid OpenAPI 3.1 (checked by a real validator, not by us), covering every
// public route and method under app/api, and describing what the API really answers: real
// answers are parsed, strictly, with the response schemas the document is generated from.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeAll, describe, expect, it } from "vitest";
import * as r from "../../lib/openapi/responses";
import { address, api, resetState, seedWorld } from "../helpers/harness";

/** Routes for staff, suppliers or next-auth: not part of the public API. */
const INTERNAL = [/^\/api\/ops\//, /^\/api\/auth\//, /^\/api\/metrics$/, /^\/api\/webhooks\/\{supplier\}$/];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route file under app/api, as (OpenAPI path, methods it really serves). */
function appRoutes(): { path: string; methods: string[] }[] {
  const root = path.resolve("app/api");
  const out: { path: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === "route.ts") {
        const rel = path.relative(root, dir).split(path.sep);
        if (rel.some((s) => s.startsWith("[..."))) continue; // the catch-all 404
        const apiPath = `/api/${rel.map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/")}`.replace(/\/$/, "");
        const src = readFileSync(full, "utf8");
        const methods = METHODS.filter((m) => new RegExp(`export (const|async function|function) ${m}\\b`).test(src));
        out.push({ path: apiPath, methods });
      }
    }
  };
  walk(root);
  return out;
}

let doc: { openapi: string; paths: Record<string, Record<string, unknown>> };
beforeAll(async () => {
  const res = await api("/api/openapi.json", { key: null });
  expect(res.status).toBe(200);
  doc = res.body;
});

describe("the document", () => {
  it("is valid OpenAPI 3.1", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("has every public route and method under app/api, and nothing that does not exist", () => {
    const routes = appRoutes();
    expect(routes.length).toBeGreaterThan(20);
    const missing: string[] = [];
    for (const route of routes.filter((x) => !INTERNAL.some((re) => re.test(x.path)))) {
      for (const m of route.methods) if (!doc.paths[route.path]?.[m.toLowerCase()]) missing.push(`${m} ${route.path}`);
    }
    expect(missing).toEqual([]);
    const real = new Set(routes.flatMap((x) => x.methods.map((m) => `${m.toLowerCase()} ${x.path}`)));
    const invented = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`))
      .filter((k) => !real.has(k));
    expect(invented).toEqual([]);
  });

  it("documents the error shape, Idempotency-Key, rate-limit headers and pagination", () => {
    const post = doc.paths["/api/orders"]!.post as { parameters: { name: string; in: string }[]; responses: Record<string, { headers?: object }> };
    expect(post.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: "Idempotency-Key", in: "header" })]));
    expect(Object.keys(post.responses["429"]!.headers ?? {})).toEqual(expect.arrayContaining(["Retry-After", "RateLimit-Remaining"]));
    const list = doc.paths["/api/orders"]!.get as { parameters: { name: string }[] };
    expect(list.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(["cursor", "limit", "status"]));
    expect(JSON.stringify(doc)).toContain('"#/components/schemas/Error"');
  });
});

describe("the API answers what the document says", () => {
  it("products, an order, the order list, the account and an error parse with the documented schemas", async () => {
    await resetState();
    const world = await seedWorld({ products: 2 });
    r.productsPage.parse((await api("/api/products")).body);
    const placed = await api("/api/orders", {
      method: "POST",
      headers: { "Idempotency-Key": randomUUID() },
      json: { items: [{ sku: world.skus[0], quantity: 1 }], shippingAddress: address, reference: "PO-DOC-1" },
    });
    expect(placed.status).toBe(201);
    r.orderView.parse(placed.body);
    r.orderView.parse((await api(`/api/orders/${placed.body.id}`)).body);
    r.ordersPage.parse((await api("/api/orders")).body);
    r.accountView.parse((await api("/api/account")).body);
    const bad = await api("/api/orders", { method: "POST", headers: { "Idempotency-Key": randomUUID() }, json: { items: [] } });
    expect(bad.status).toBe(422);
    r.errorBody.parse(bad.body);
  });
});
