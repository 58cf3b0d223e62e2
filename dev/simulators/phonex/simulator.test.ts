import { afterEach, describe, expect, it, vi } from "vitest";
import { verifyPhoneXSignature } from "../../../lib/suppliers/phonex/signature";
import { phonexCatalog } from "../../../prisma/demo-data/phonex-catalog";
import { createPhoneXSimulator, type PhoneXSimulatorOptions } from "./simulator";

const BASE = "http://phonex.sim";
const KEY = "px_sim_key";
const SECRET = "whsec_sim";
const HOOK = "http://portal.test/api/webhooks/phonex";

type Hook = { headers: Headers; raw: string; body: Record<string, unknown> };
let sims: ReturnType<typeof createPhoneXSimulator>[] = [];

/** A simulator whose webhooks land in `hooks`; `reply` decides each delivery's status. */
function setup(opts: Partial<PhoneXSimulatorOptions> = {}, reply: (n: number) => number = () => 202) {
  const hooks: Hook[] = [];
  const fetchImpl = (async (_url: string | URL | Request, init?: RequestInit) => {
    const raw = String(init?.body);
    hooks.push({ headers: new Headers(init?.headers), raw, body: JSON.parse(raw) as Record<string, unknown> });
    return new Response(null, { status: reply(hooks.length) });
  }) as typeof fetch;
  const sim = createPhoneXSimulator({
    apiKey: KEY,
    webhookSecret: SECRET,
    webhookUrl: HOOK,
    autoAdvance: false,
    webhookBackoffMs: 5,
    fetchImpl,
    ...opts,
  });
  sims.push(sim);
  return { sim, hooks };
}

afterEach(() => {
  sims.forEach((s) => s.close());
  sims = [];
});

const orderBody = (orderId = "PXSTKL0000347", sku = "IPHONE12-64GB-A") => ({
  supplier: "wesellcellular",
  order_id: orderId,
  customer_id: "worldtech-1734",
  items: [{ sku, quantity: 10, unit_price: 231.0 }],
  shipping_address: { name: "R", company: null, line1: "1 Main", line2: null, city: "Miami", region: "FL", postal_code: "33166", country: "US", phone: null },
  metadata: { reference: "PO-1" },
});

function create(sim: ReturnType<typeof createPhoneXSimulator>, key: string | null, body: unknown = orderBody(), auth = `Bearer ${KEY}`) {
  const headers: Record<string, string> = { authorization: auth, "content-type": "application/json" };
  if (key) headers["idempotency-key"] = key;
  return sim.handle(new Request(`${BASE}/v1/orders`, { method: "POST", headers, body: JSON.stringify(body) }));
}
const call = (sim: ReturnType<typeof createPhoneXSimulator>, method: string, path: string, body?: unknown) =>
  sim.handle(
    new Request(`${BASE}${path}`, { method, headers: { authorization: `Bearer ${KEY}` }, body: body === undefined ? undefined : JSON.stringify(body) }),
  );

describe("PhoneX simulator API", () => {
  it("creates an order once per Idempotency-Key, even for concurrent repeats", async () => {
    const { sim } = setup({ latencyMs: 10 });
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => create(sim, "so_1")));
    const bodies = await Promise.all(answers.map((r) => r.text()));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0]!)).toMatchObject({ id: expect.stringMatching(/^px_/), order_id: "PXSTKL0000347", supplier_order_id: null, status: "received" });
    expect(sim.state.orders.size).toBe(1);
    expect([...sim.state.createdByKey.values()]).toEqual([1]);
    // Same key, different body: still the first answer.
    const again = await create(sim, "so_1", orderBody("OTHER"));
    expect(await again.text()).toBe(bodies[0]);
  });

  it("checks the key, the Idempotency-Key, the body, SKUs and duplicate order ids", async () => {
    const { sim } = setup();
    expect((await create(sim, "so_1", orderBody(), "Bearer wrong")).status).toBe(401);
    expect(await (await create(sim, "so_1", orderBody(), "")).json()).toMatchObject({ error: { code: "unauthorized" } });
    expect((await create(sim, null)).status).toBe(400);
    const invalid = await create(sim, "so_2", { ...orderBody(), items: [] });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ error: { code: "validation_failed", message: expect.any(String) } });
    expect(await (await create(sim, "so_3", orderBody("X", "NOKIA3310"))).json()).toMatchObject({ error: { code: "unknown_sku" } });
    expect((await create(sim, "so_4")).status).toBe(201);
    expect((await create(sim, "so_5")).status).toBe(409);
    expect(sim.state.orders.size).toBe(1);
  });

  it("serves GET order, 404 for unknown ones, and cancel until shipment", async () => {
    const { sim } = setup();
    await create(sim, "so_1");
    expect(await (await call(sim, "GET", "/v1/orders/PXSTKL0000347")).json()).toEqual({
      order_id: "PXSTKL0000347",
      supplier_order_id: null,
      status: "received",
      tracking_number: null,
      carrier: null,
      updated_at: expect.any(String),
    });
    expect((await call(sim, "GET", "/v1/orders/NOPE")).status).toBe(404);
    expect(await (await call(sim, "POST", "/v1/orders/PXSTKL0000347/cancel")).json()).toEqual({ status: "cancel_requested" });
    sim.advance(sim.state.orders.get("PXSTKL0000347")!);
    expect(sim.state.orders.get("PXSTKL0000347")!.status).toBe("canceled");

    await create(sim, "so_2", orderBody("R2"));
    const o = sim.state.orders.get("R2")!;
    for (let i = 0; i < 3; i++) sim.advance(o);
    const res = await call(sim, "POST", "/v1/orders/R2/cancel");
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "already_shipped" } });
  });

  it("pages the inventory of ~40 graded phones", async () => {
    const { sim } = setup();
    expect(phonexCatalog.length).toBeGreaterThanOrEqual(40);
    expect(phonexCatalog.every((i) => /^[A-Z0-9]+-\d+GB-[ABC]$/.test(i.sku))).toBe(true);
    expect(phonexCatalog.find((i) => i.sku === "IPHONE12-64GB-A")).toMatchObject({ unit_price: 231, grade: "A" });
    const seen: string[] = [];
    let cursor = "";
    for (let i = 0; i < 10; i++) {
      const page = (await (await call(sim, "GET", `/v1/inventory?supplier=wesellcellular&cursor=${cursor}&limit=10`)).json()) as {
        items: { sku: string }[];
        next_cursor: string | null;
      };
      seen.push(...page.items.map((x) => x.sku));
      if (!page.next_cursor) break;
      cursor = page.next_cursor;
    }
    expect(seen).toEqual(phonexCatalog.map((i) => i.sku));
    expect((await call(sim, "GET", "/v1/inventory?supplier=wesellcellular&cursor=bogus")).status).toBe(400);
    expect((await call(sim, "GET", "/v1/inventory?supplier=acme")).status).toBe(422);
    expect((await call(sim, "GET", "/v1/inventory?supplier=wesellcellular&limit=501")).status).toBe(422);
    // the contract takes supplier, cursor and limit, nothing else; a missing supplier or an undefined route is refused.
    expect((await call(sim, "GET", "/v1/inventory?limit=10")).status).toBe(400);
    expect((await call(sim, "GET", "/v1/inventory?supplier=wesellcellular&page=2")).status).toBe(400);
    expect((await call(sim, "GET", "/v1/orders?order_id=PX1")).status).toBe(400);
    expect((await call(sim, "GET", "/v1/shipments")).status).toBe(404);
  });
});

describe("PhoneX simulator failure knobs", () => {
  it("failureRate answers 500 before creating anything", async () => {
    const { sim } = setup({ failureRate: 1 });
    expect((await create(sim, "so_1")).status).toBe(500);
    expect(sim.state.orders.size).toBe(0);
    sim.configure({ failureRate: 0 });
    expect((await create(sim, "so_1")).status).toBe(201);
    expect(sim.state.createdByKey.get("so_1")).toBe(1);
  });

  it("failAfterCreateRate creates the order, answers 500, and replays 201 on retry", async () => {
    const { sim } = setup({ failAfterCreateRate: 1 });
    expect((await create(sim, "so_1")).status).toBe(500);
    expect(sim.state.orders.size).toBe(1);
    const retry = await create(sim, "so_1");
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(sim.state.createdByKey.get("so_1")).toBe(1);
  });

  it("slowRate creates the order at once but answers 201 only after slowMs; a repeat meanwhile is replayed", async () => {
    const { sim } = setup({ slowRate: 1, slowMs: 150 });
    const t = performance.now();
    const late = create(sim, "so_1");
    await vi.waitFor(() => expect(sim.state.orders.size).toBe(1), { timeout: 100 });
    const retry = await create(sim, "so_1");
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(performance.now() - t).toBeLessThan(140);
    const first = await late;
    expect(first.status).toBe(201);
    expect(performance.now() - t).toBeGreaterThanOrEqual(140);
    expect(sim.state.createdByKey.get("so_1")).toBe(1);
    expect(sim.state.stats).toMatchObject({ createCalls: 1, replays: 1, slowAnswers: 1 });
  });

  it("latencyMs delays answers", async () => {
    const { sim } = setup({ latencyMs: 60 });
    const t = performance.now();
    await call(sim, "GET", "/v1/orders/X");
    expect(performance.now() - t).toBeGreaterThanOrEqual(50);
  });

  it("rejectSkus rejects with a reason", async () => {
    const { sim, hooks } = setup({ rejectSkus: ["IPHONE12-64GB-A"] });
    await create(sim, "so_1");
    sim.advance(sim.state.orders.get("PXSTKL0000347")!);
    await sim.idle();
    expect(hooks[0]!.body).toMatchObject({ event: "order.rejected", status: "rejected", reason: expect.stringContaining("IPHONE12-64GB-A") });
  });
});

describe("PhoneX simulator webhooks", () => {
  it("advances on its own and sends correctly signed webhooks in order", async () => {
    const { sim, hooks } = setup({ autoAdvance: true, paceMs: 5 });
    await create(sim, "so_1");
    await vi.waitFor(() => expect(sim.state.orders.get("PXSTKL0000347")!.status).toBe("delivered"), { timeout: 2000 });
    await sim.idle();
    expect(hooks.map((h) => [h.body.event, h.body.status])).toEqual([
      ["order.accepted", "accepted"],
      ["order.status_updated", "processing"],
      ["order.status_updated", "shipped"],
      ["order.status_updated", "delivered"],
    ]);
    for (const h of hooks) {
      const v = verifyPhoneXSignature({ headers: h.headers, rawBody: Buffer.from(h.raw), secrets: [SECRET] });
      expect(v).toEqual({ ok: true, eventId: h.headers.get("x-phonex-event-id") });
      expect(verifyPhoneXSignature({ headers: h.headers, rawBody: Buffer.from(h.raw), secrets: ["other"] }).ok).toBe(false);
    }
    expect(new Set(hooks.map((h) => h.headers.get("x-phonex-event-id"))).size).toBe(4);
    expect(hooks[2]!.body).toMatchObject({
      supplier_order_id: expect.stringMatching(/^ORD\d+$/),
      carrier: "UPS",
      tracking_number: expect.stringMatching(/^1Z999AA1\d{10}$/),
    });
    expect(Object.keys(hooks[3]!.body)).toEqual(["event", "order_id", "supplier_order_id", "status", "tracking_number", "carrier", "updated_at"]);
  });

  it("the admin advance endpoint moves one step and sends its webhook", async () => {
    const { sim, hooks } = setup();
    await create(sim, "so_1");
    const res = await sim.handle(new Request(`${BASE}/__sim/orders/PXSTKL0000347/advance`, { method: "POST" }));
    expect(await res.json()).toMatchObject({ event: "order.accepted", order: { status: "accepted" } });
    await sim.idle();
    expect(hooks).toHaveLength(1);
  });

  it("retries a failed delivery with the same event id and a fresh signature", async () => {
    const { sim, hooks } = setup({}, (n) => (n < 3 ? 500 : 202));
    await create(sim, "so_1");
    sim.advance(sim.state.orders.get("PXSTKL0000347")!);
    await sim.idle();
    expect(hooks).toHaveLength(3);
    expect(new Set(hooks.map((h) => h.headers.get("x-phonex-event-id"))).size).toBe(1);
    expect(sim.state.webhooks.map((w) => [w.attempt, w.httpStatus, w.ok])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 202, true],
    ]);
  });

  it("duplicateRate sends an event twice with the same id", async () => {
    const { sim, hooks } = setup({ duplicateRate: 1 });
    await create(sim, "so_1");
    sim.advance(sim.state.orders.get("PXSTKL0000347")!);
    await sim.idle();
    expect(hooks).toHaveLength(2);
    expect(hooks[0]!.headers.get("x-phonex-event-id")).toBe(hooks[1]!.headers.get("x-phonex-event-id"));
    expect(hooks[0]!.raw).toBe(hooks[1]!.raw);
  });

  it("outOfOrder lets a later status arrive first", async () => {
    let rolls: number[] = [];
    const { sim, hooks } = setup({ outOfOrder: true, outOfOrderWindowMs: 100, random: () => rolls.shift() ?? 0.5 });
    await create(sim, "so_1");
    // Per event: a delay roll, then a duplicate roll. First event 90% of the window, second 0%.
    rolls = [0.9, 0.99, 0, 0.99];
    const o = sim.state.orders.get("PXSTKL0000347")!;
    sim.advance(o);
    sim.advance(o);
    await sim.idle();
    expect(hooks.map((h) => h.body.status)).toEqual(["processing", "accepted"]);
  });
});

describe("PhoneX simulator admin", () => {
  it("lists orders, configures knobs, resets", async () => {
    const { sim } = setup();
    await create(sim, "so_1");
    const list = (await (await sim.handle(new Request(`${BASE}/__sim/orders`))).json()) as { data: unknown[]; createdByKey: Record<string, number> };
    expect(list.data).toHaveLength(1);
    expect(list.createdByKey).toEqual({ so_1: 1 });

    const post = (body: unknown) => sim.handle(new Request(`${BASE}/__sim/config`, { method: "POST", body: JSON.stringify(body) }));
    expect(await (await post({ failureRate: 0.5, rejectSkus: ["A"] })).json()).toMatchObject({ knobs: { failureRate: 0.5, rejectSkus: ["A"] } });
    expect((await post({ failureRate: 2 })).status).toBe(422);
    expect((await post({ typo: true })).status).toBe(422);

    expect((await sim.handle(new Request(`${BASE}/__sim/reset`, { method: "POST" }))).status).toBe(200);
    expect(sim.state.orders.size).toBe(0);
    expect(sim.state.knobs.failureRate).toBe(0);
  });
});
