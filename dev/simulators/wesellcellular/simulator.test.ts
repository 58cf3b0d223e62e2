import { afterEach, describe, expect, it, vi } from "vitest";
import { phonexCatalog } from "../../../prisma/demo-data/phonex-catalog";
import { deriveWscSku } from "../../../lib/suppliers/wesellcellular/map";
import { wscCatalog } from "../../../prisma/demo-data/wesellcellular-catalog";
import { createWscSimulator, type WscSimulatorOptions } from "./simulator";

const BASE = "http://wsc.sim";
const EMAIL = "buyer@portal.test";
const PASSWORD = "pw";
let sims: ReturnType<typeof createWscSimulator>[] = [];

function setup(opts: Partial<WscSimulatorOptions> = {}) {
  const sim = createWscSimulator({ email: EMAIL, password: PASSWORD, autoAdvance: false, ...opts });
  sims.push(sim);
  return sim;
}
afterEach(() => {
  sims.forEach((s) => s.close());
  sims = [];
});

type Sim = ReturnType<typeof setup>;
const req = (sim: Sim, method: string, path: string, body?: unknown, token?: string) =>
  sim.handle(
    new Request(`${BASE}${path}`, {
      method,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
async function login(sim: Sim): Promise<string> {
  const res = await req(sim, "POST", "/auth/login", { email: EMAIL, password: PASSWORD });
  return ((await res.json()) as { token: string }).token;
}
const orderBody = (reference = "so_1", itemNumber = "WSC-100201", quantity = 2) => ({
  reference,
  lines: [{ itemNumber, quantity, price: 319 }],
  shipTo: { name: "R", company: null, line1: "1 Main", line2: null, city: "Miami", region: "FL", postalCode: "33166", country: "US", phone: null },
});

describe("WSC simulator catalog", () => {
  it("has ~15 graded phones, some also in the PhoneX catalog, some out of stock", () => {
    expect(wscCatalog).toHaveLength(15);
    const phonex = new Set(phonexCatalog.map((i) => i.sku));
    const shared = wscCatalog.filter((i) => phonex.has(deriveWscSku(i)));
    expect(shared.length).toBeGreaterThanOrEqual(5);
    expect(shared.length).toBeLessThan(wscCatalog.length);
    expect(wscCatalog.filter((i) => i.quantity === 0).length).toBeGreaterThan(0);
    expect(new Set(wscCatalog.map((i) => i.itemNumber)).size).toBe(15);
  });
});

describe("WSC simulator auth", () => {
  it("logs in with the right credentials only, and refuses calls without a valid token", async () => {
    const sim = setup({ tokenTtlMs: 30 });
    expect((await req(sim, "POST", "/auth/login", { email: EMAIL, password: "nope" })).status).toBe(401);
    expect((await req(sim, "POST", "/auth/login", { email: EMAIL })).status).toBe(400);
    const ok = await req(sim, "POST", "/auth/login", { email: EMAIL, password: PASSWORD });
    const body = (await ok.json()) as { token: string; expiresIn: number };
    expect(body).toEqual({ token: expect.stringMatching(/^wsc_/), expiresIn: 0.03 });
    expect(await (await req(sim, "GET", "/stocklist/items")).json()).toMatchObject({ code: "unauthorized" });
    expect((await req(sim, "GET", "/stocklist/items", undefined, body.token)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 40));
    const expired = await req(sim, "GET", "/stocklist/items", undefined, body.token);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ code: "token_expired" });
    expect(sim.state.stats).toMatchObject({ logins: 1, failedLogins: 1, unauthorized: 2 });
  });
});

describe("WSC simulator stock list", () => {
  it("pages the in-stock items, and all of them on request", async () => {
    const sim = setup();
    const token = await login(sim);
    const page = async (q: string) =>
      (await (await req(sim, "GET", `/stocklist/items?${q}`, undefined, token)).json()) as {
        items: { itemNumber: string }[];
        page: number;
        totalPages: number;
      };
    const inStock = wscCatalog.filter((i) => i.quantity > 0).map((i) => i.itemNumber);
    const pages = [
      await page("includeOutOfStock=false&page=1&pageSize=5"),
      await page("includeOutOfStock=false&page=2&pageSize=5"),
      await page("includeOutOfStock=false&page=3&pageSize=5"),
    ];
    expect(pages.map((p) => [p.page, p.totalPages])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(pages.flatMap((p) => p.items.map((i) => i.itemNumber))).toEqual(inStock);
    expect((await page("includeOutOfStock=false&page=4&pageSize=5")).items).toEqual([]);
    expect((await page("includeOutOfStock=true&pageSize=200")).items).toHaveLength(15);
    expect((await req(sim, "GET", "/stocklist/items?page=0", undefined, token)).status).toBe(400);
    expect((await req(sim, "GET", "/stocklist/items?pageSize=201", undefined, token)).status).toBe(400);
  });
});

describe("WSC simulator sales orders", () => {
  it("creates one order per reference, even for concurrent repeats", async () => {
    const sim = setup({ latencyMs: 10 });
    const token = await login(sim);
    const answers = await Promise.all([1, 2, 3, 4].map(() => req(sim, "POST", "/sales-orders", orderBody(), token)));
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(bodies[0]).toEqual({ salesOrderId: "SO-500101", status: "Pending" });
    expect(sim.state.createdByReference.get("so_1")).toBe(1);
    expect(sim.state.stats.replays).toBe(3);
  });

  it("checks the body, the items and the stock", async () => {
    const sim = setup();
    const token = await login(sim);
    expect((await req(sim, "POST", "/sales-orders", { ...orderBody(), lines: [] }, token)).status).toBe(422);
    expect(await (await req(sim, "POST", "/sales-orders", orderBody("so_2", "WSC-0"), token)).json()).toMatchObject({ code: "unknown_item" });
    expect(await (await req(sim, "POST", "/sales-orders", orderBody("so_3", "WSC-100203"), token)).json()).toMatchObject({ code: "insufficient_stock" });
    expect(sim.state.orders.size).toBe(0);
  });

  it("answers GET /sales-orders/{id} with exactly the contract's fields", async () => {
    const sim = setup();
    const token = await login(sim);
    await req(sim, "POST", "/sales-orders", orderBody("so_1"), token);
    const res = await req(sim, "GET", "/sales-orders/SO-500101", undefined, token);
    expect(res.status).toBe(200);
    expect(await res.json()).toStrictEqual({ salesOrderId: "SO-500101", status: "Pending", trackingNumbers: [] });
    expect((await req(sim, "GET", "/sales-orders/SO-1", undefined, token)).status).toBe(404);
    // Our reference is not an id.
    expect((await req(sim, "GET", "/sales-orders/so_1", undefined, token)).status).toBe(404);
  });

  it("refuses the undefined lookup by reference: GET /sales-orders?reference= is a 404, with or without a token", async () => {
    const sim = setup();
    const token = await login(sim);
    await req(sim, "POST", "/sales-orders", orderBody("so_1"), token);
    for (const auth of [token, undefined]) {
      const res = await req(sim, "GET", "/sales-orders?reference=so_1", undefined, auth);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: "not_found" });
      expect((await req(sim, "GET", "/sales-orders", undefined, auth)).status).toBe(404);
    }
  });

  it("an undefined route is a 404: no cancel, no other path, no other method", async () => {
    const sim = setup();
    const token = await login(sim);
    await req(sim, "POST", "/sales-orders", orderBody("so_1"), token);
    const undefinedRoutes: [string, string][] = [
      ["POST", "/sales-orders/SO-500101/cancel"],
      ["DELETE", "/sales-orders/SO-500101"],
      ["PUT", "/sales-orders/SO-500101"],
      ["PATCH", "/sales-orders/SO-500101"],
      ["GET", "/sales-orders/SO-500101/items"],
      ["GET", "/auth/login"],
      ["POST", "/auth/logout"],
      ["POST", "/stocklist/items"],
      ["GET", "/stocklist/items/WSC-100201"],
      ["GET", "/stocklist"],
      ["GET", "/orders"],
      ["GET", "/"],
    ];
    for (const [method, path] of undefinedRoutes) {
      const res = await req(sim, method, path, method === "GET" ? undefined : {}, token);
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
    }
    // Nothing was canceled by the undefined cancel route.
    expect(sim.find("so_1")!.status).toBe("Pending");
  });

  it("an unknown query parameter on a defined route is a 400", async () => {
    const sim = setup();
    const token = await login(sim);
    await req(sim, "POST", "/sales-orders", orderBody("so_1"), token);
    expect((await req(sim, "GET", "/sales-orders/SO-500101?reference=so_1", undefined, token)).status).toBe(400);
    expect((await req(sim, "GET", "/sales-orders/SO-500101?x=1", undefined, token)).status).toBe(400);
    expect((await req(sim, "POST", "/sales-orders?dryRun=true", orderBody("so_2"), token)).status).toBe(400);
    expect((await req(sim, "POST", "/auth/login?remember=1", { email: EMAIL, password: PASSWORD })).status).toBe(400);
    expect((await req(sim, "GET", "/stocklist/items?brand=Apple", undefined, token)).status).toBe(400);
    expect((await req(sim, "GET", "/stocklist/items?includeOutOfStock=yes", undefined, token)).status).toBe(400);
    expect((await req(sim, "GET", "/stocklist/items?includeOutOfStock=false&page=1&pageSize=5", undefined, token)).status).toBe(200);
    expect(sim.state.orders.size).toBe(1);
  });

  it("logs every request, contract and /__sim/ alike, until reset", async () => {
    const sim = setup();
    const token = await login(sim);
    await req(sim, "POST", "/sales-orders", orderBody("so_1"), token);
    await req(sim, "GET", "/sales-orders?reference=so_1", undefined, token);
    await req(sim, "GET", "/__sim/orders");
    expect(sim.state.requests).toEqual([
      { method: "POST", path: "/auth/login", search: "", status: 200, admin: false },
      { method: "POST", path: "/sales-orders", search: "", status: 201, admin: false },
      { method: "GET", path: "/sales-orders", search: "?reference=so_1", status: 404, admin: false },
      { method: "GET", path: "/__sim/orders", search: "", status: 200, admin: true },
    ]);
    expect(((await (await req(sim, "GET", "/__sim/requests")).json()) as { data: unknown[] }).data).toHaveLength(4);
    expect(sim.state.requests).toHaveLength(5);
    sim.reset();
    expect(sim.state.requests).toEqual([]);
  });

  it("cancels only on WSC's own side (/__sim/), and only before Shipped", async () => {
    const sim = setup();
    const token = await login(sim);
    await req(sim, "POST", "/sales-orders", orderBody("so_1"), token);
    expect(await (await req(sim, "POST", "/__sim/orders/so_1/cancel")).json()).toMatchObject({ status: "Cancelled" });
    expect(await (await req(sim, "GET", "/sales-orders/SO-500101", undefined, token)).json()).toMatchObject({ status: "Cancelled" });
    expect(sim.advance(sim.find("so_1")!)).toBeNull();

    await req(sim, "POST", "/sales-orders", orderBody("so_2"), token);
    const o = sim.find("so_2")!;
    for (let i = 0; i < 3; i++) sim.advance(o);
    const refused = await req(sim, "POST", `/__sim/orders/${o.salesOrderId}/cancel`);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: "not_cancelable" });
    expect(o.status).toBe("Shipped");
  });

  it("advances Pending → Confirmed → Picking → Shipped → Delivered on its own, with a tracking number", async () => {
    const sim = setup({ autoAdvance: true, paceMs: 5 });
    const token = await login(sim);
    await req(sim, "POST", "/sales-orders", orderBody(), token);
    const seen = new Set<string>();
    await vi.waitFor(
      () => {
        seen.add(sim.find("so_1")!.status);
        expect(sim.find("so_1")!.status).toBe("Delivered");
      },
      { timeout: 2000, interval: 1 },
    );
    expect(seen.has("Pending") || seen.has("Confirmed")).toBe(true);
    expect(sim.find("so_1")!.trackingNumbers).toEqual([expect.stringMatching(/^1Z999AA1\d{10}$/)]);
    expect(sim.advance(sim.find("so_1")!)).toBeNull();
  });

  it("with reportDelivered off it is strictly the contract: Shipped is where an order stays", async () => {
    const sim = setup({ autoAdvance: true, paceMs: 5, reportDelivered: false });
    const token = await login(sim);
    await req(sim, "POST", "/sales-orders", orderBody(), token);
    await vi.waitFor(() => expect(sim.find("so_1")!.status).toBe("Shipped"), { timeout: 2000, interval: 1 });
    await new Promise((r) => setTimeout(r, 40));
    expect(sim.find("so_1")!.status).toBe("Shipped");
    expect(sim.advance(sim.find("so_1")!)).toBeNull();
    expect(await (await req(sim, "GET", "/sales-orders/SO-500101", undefined, token)).json()).toStrictEqual({
      salesOrderId: "SO-500101",
      status: "Shipped",
      trackingNumbers: [expect.stringMatching(/^1Z999AA1\d{10}$/)],
    });
  });
});

describe("WSC simulator knobs and admin", () => {
  it("failureRate creates nothing; failAfterCreateRate creates, answers 500, and the repeat finds it", async () => {
    const sim = setup({ failureRate: 1 });
    const token = await login(sim);
    expect((await req(sim, "POST", "/sales-orders", orderBody(), token)).status).toBe(500);
    expect(sim.state.orders.size).toBe(0);
    sim.configure({ failureRate: 0, failAfterCreateRate: 1 });
    expect((await req(sim, "POST", "/sales-orders", orderBody(), token)).status).toBe(500);
    expect(sim.state.orders.size).toBe(1);
    const retry = await req(sim, "POST", "/sales-orders", orderBody(), token);
    expect(retry.status).toBe(200);
    expect(sim.state.createdByReference.get("so_1")).toBe(1);
  });

  it("lists orders, configures knobs, advances, revokes tokens and resets over HTTP", async () => {
    const sim = setup();
    const token = await login(sim);
    await req(sim, "POST", "/sales-orders", orderBody(), token);
    const list = (await (await req(sim, "GET", "/__sim/orders")).json()) as { data: unknown[]; createdByReference: Record<string, number> };
    expect(list.data).toHaveLength(1);
    expect(list.createdByReference).toEqual({ so_1: 1 });

    expect(await (await req(sim, "POST", "/__sim/config", { paceMs: 50, tokenTtlMs: 1000 })).json()).toMatchObject({ knobs: { paceMs: 50, tokenTtlMs: 1000 } });
    expect((await req(sim, "POST", "/__sim/config", { failureRate: 2 })).status).toBe(422);
    expect((await req(sim, "POST", "/__sim/config", { typo: true })).status).toBe(422);
    expect(await (await req(sim, "GET", "/__sim/config")).json()).toMatchObject({ knobs: { paceMs: 50 } });

    expect(await (await req(sim, "POST", "/__sim/orders/so_1/advance")).json()).toMatchObject({ status: "Confirmed" });
    expect(await (await req(sim, "POST", "/__sim/orders/SO-500101/advance")).json()).toMatchObject({ status: "Picking" });
    expect((await req(sim, "POST", "/__sim/orders/nope/advance")).status).toBe(404);

    expect((await req(sim, "POST", "/__sim/tokens/revoke")).status).toBe(200);
    expect((await req(sim, "GET", "/sales-orders/SO-500101", undefined, token)).status).toBe(401);

    expect((await req(sim, "POST", "/__sim/reset")).status).toBe(200);
    expect(sim.state.orders.size).toBe(0);
    expect(sim.state.knobs.paceMs).toBe(2000);
  });

  it("serves under a base path prefix", async () => {
    const sim = setup();
    const res = await sim.handle(new Request(`${BASE}/api/v1/auth/login`, { method: "POST", body: JSON.stringify({ email: EMAIL, password: PASSWORD }) }));
    expect(res.status).toBe(200);
  });
});
