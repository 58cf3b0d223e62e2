// Supplier scorecards (issue 14 point 4): every figure from seeded history, checked exactly;
// circuit openings recorded by the breaker itself; the cached score and the settings; and routing
// that weighs cost against the score, saying why on the ops timeline and nothing to the reseller.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { guardObserver } from "../../lib/suppliers/resilience/guard";
import { breaker } from "../../lib/suppliers/resilience/guard";
import { refreshSupplierScores } from "../../lib/scorecards/refresh-supplier-scores";
import { seedProduct } from "../../prisma/factories";
import { address, api, resetState, seedOtherSuppliers, seedWorld } from "../helpers/harness";
import { signedIn } from "../helpers/signed-in";

beforeEach(async () => {
  await resetState();
});

const HOUR = 3600_000;
const MIN = 60_000;
type World = Awaited<ReturnType<typeof seedWorld>>;

/** An order of the world's company with one supplier order of `supplierId`, its lines and its timeline, at the given times. */
async function seedSupplierOrder(
  world: World,
  supplierId: string,
  o: {
    at: Date;
    status: "pending" | "submitted" | "accepted" | "processing" | "shipped" | "delivered" | "rejected" | "canceled" | "failed";
    lines: number;
    /** Timeline steps: status at minutes after `at`. */
    steps?: [status: "submitted" | "accepted" | "processing" | "shipped" | "delivered" | "rejected" | "canceled", minutes: number][];
    /** Lines that moved to another supplier (the "rerouted" event, as lib/orders/reroute-supplier-order.ts writes it). */
    reroutedLines?: number;
    cancelRequested?: boolean;
  },
) {
  const product = await db.product.findFirstOrThrow({ where: { sku: world.skus[0] } });
  const order = await db.order.create({
    data: {
      number: `SC${randomUUID().slice(0, 10)}`,
      companyId: world.company.id,
      userId: world.buyer.id,
      status: "pending",
      subtotal: "100.00",
      shippingAddress: address,
      createdAt: o.at,
    },
  });
  const so = await db.supplierOrder.create({
    data: {
      orderId: order.id,
      supplierId,
      reference: `ref-${randomUUID()}`,
      status: o.status,
      createdAt: o.at,
      movedAt: o.reroutedLines ? new Date(o.at.getTime() + 10 * MIN) : null,
      cancelRequestedAt: o.cancelRequested ? new Date(o.at.getTime() + 5 * MIN) : null,
    },
  });
  for (let i = 0; i < o.lines; i++) {
    await db.orderItem.create({
      data: {
        orderId: order.id,
        productId: product.id,
        supplierOrderId: so.id,
        sku: product.sku,
        name: product.name,
        quantity: 1,
        unitPrice: "100.00",
        lineTotal: "100.00",
      },
    });
  }
  for (const [status, minutes] of o.steps ?? []) {
    await db.orderEvent.create({
      data: {
        orderId: order.id,
        supplierOrderId: so.id,
        type: "status_changed",
        status,
        source: "webhook:test",
        createdAt: new Date(o.at.getTime() + minutes * MIN),
      },
    });
  }
  if (o.reroutedLines) {
    await db.orderEvent.create({
      data: {
        orderId: order.id,
        supplierOrderId: so.id,
        type: "rerouted",
        source: "worker",
        message: "moved",
        data: { lines: o.reroutedLines, to: ["cj"] },
        createdAt: new Date(o.at.getTime() + 10 * MIN),
      },
    });
  }
  return so;
}

async function seedCall(supplierId: string, at: Date, operation: string, durationMs: number, ok: boolean) {
  await db.supplierCall.create({
    data: { supplierId, operation, method: "POST", url: "https://supplier.test/x", statusCode: ok ? 200 : 503, ok, durationMs, createdAt: at },
  });
}

/** percentile_cont over sorted values, as Postgres computes it. */
function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = p * (s.length - 1);
  const lo = Math.floor(pos);
  return s[lo]! + (pos - lo) * ((s[lo + 1] ?? s[lo]!) - s[lo]!);
}

describe("scorecard figures", () => {
  it("counts every figure of a supplier's seeded history exactly, and gives a supplier without history the neutral score", async () => {
    const world = await seedWorld();
    const { cj } = await seedOtherSuppliers();
    const px = world.supplier.id;
    // A fixed window: 7 days from an hour boundary six days ago (6-hour buckets: 28 of them).
    const from = new Date(Math.floor((Date.now() - 6 * 24 * HOUR) / HOUR) * HOUR);
    const to = new Date(from.getTime() + 7 * 24 * HOUR);
    const t0 = new Date(from.getTime() + 10 * 6 * HOUR + HOUR); // inside bucket 10
    const old = new Date(from.getTime() - 40 * 24 * HOUR);

    // Calls: createOrder 100..500 ms (two errors), getOrder 50 and 150 ms; one call before the window.
    for (const [d, ok] of [
      [100, true],
      [200, true],
      [300, true],
      [400, false],
      [500, false],
    ] as const)
      await seedCall(px, t0, "createOrder", d, ok);
    await seedCall(px, t0, "getOrder", 50, true);
    await seedCall(px, t0, "getOrder", 150, true);
    await seedCall(px, old, "createOrder", 9000, false);
    // Breaker openings: two in the window, one before it.
    await db.supplierCircuitOpening.createMany({
      data: [
        { supplierId: px, failures: 5, createdAt: t0 },
        { supplierId: px, failures: 5, createdAt: new Date(t0.getTime() + HOUR) },
        { supplierId: px, failures: 5, createdAt: old },
      ],
    });
    // Supplier orders (each submitted at its creation + 1 min).
    await seedSupplierOrder(world, px, {
      at: t0,
      status: "delivered",
      lines: 2,
      steps: [
        ["submitted", 1],
        ["accepted", 31],
        ["shipped", 1 + 20 * 60],
        ["delivered", 2 + 48 * 60],
      ],
    });
    await seedSupplierOrder(world, px, {
      at: t0,
      status: "shipped",
      lines: 1,
      steps: [
        ["submitted", 1],
        ["accepted", 61],
        ["shipped", 1 + 30 * 60],
      ],
    });
    await seedSupplierOrder(world, px, {
      at: t0,
      status: "accepted",
      lines: 1,
      steps: [
        ["submitted", 1],
        ["accepted", 91],
      ],
    });
    // Rejected and rerouted: its 3 lines moved to CJ (none left on it).
    await seedSupplierOrder(world, px, {
      at: t0,
      status: "rejected",
      lines: 0,
      steps: [
        ["submitted", 1],
        ["rejected", 5],
      ],
      reroutedLines: 3,
    });
    await seedSupplierOrder(world, px, {
      at: t0,
      status: "rejected",
      lines: 1,
      steps: [
        ["submitted", 1],
        ["rejected", 5],
      ],
    });
    // Canceled by the supplier after accepting; canceled at the reseller's request after accepting.
    await seedSupplierOrder(world, px, {
      at: t0,
      status: "canceled",
      lines: 1,
      steps: [
        ["submitted", 1],
        ["accepted", 121],
        ["canceled", 200],
      ],
    });
    await seedSupplierOrder(world, px, {
      at: t0,
      status: "canceled",
      lines: 1,
      steps: [
        ["submitted", 1],
        ["accepted", 31],
        ["canceled", 60],
      ],
      cancelRequested: true,
    });
    // Not counted: still pending (never sent), and one from before the window.
    await seedSupplierOrder(world, px, { at: t0, status: "pending", lines: 4 });
    await seedSupplierOrder(world, px, {
      at: old,
      status: "rejected",
      lines: 5,
      steps: [
        ["submitted", 1],
        ["rejected", 2],
      ],
    });

    const ops = await signedIn(world.ops.id);
    const res = await ops.call(`/api/ops/suppliers/phonex/scorecard?from=${from.toISOString()}&to=${to.toISOString()}`);
    expect(res.status).toBe(200);
    const card = res.body;

    const createOrder = [100, 200, 300, 400, 500];
    const all = [...createOrder, 50, 150];
    expect(card.supplier).toMatchObject({ id: px, slug: "phonex", name: "PhoneX" });
    expect(card.calls.all).toEqual({ operation: "all", calls: 7, errors: 2, errorRate: 2 / 7, p50Ms: 200, p95Ms: percentile(all, 0.95) });
    expect(card.calls.byOperation).toEqual([
      { operation: "createOrder", calls: 5, errors: 2, errorRate: 0.4, p50Ms: 300, p95Ms: percentile(createOrder, 0.95) },
      { operation: "getOrder", calls: 2, errors: 0, errorRate: 0, p50Ms: 100, p95Ms: 145 },
    ]);
    expect(percentile(createOrder, 0.95)).toBe(480);
    expect(card.breakerOpenings).toBe(2);

    const acceptance = [30, 60, 90, 120, 30].map((m) => m * 60);
    const ship = [20, 30].map((h) => h * 3600);
    expect(card.orders).toEqual({
      sent: 7,
      accepted: 4, // delivered, shipped, accepted, and the one the reseller canceled
      rejected: 2,
      canceled: 1, // by the supplier only
      reroutes: 1,
      linesSent: 10, // 2 + 1 + 1 + 3 moved away + 1 + 1 + 1
      linesAccepted: 5,
      fillRate: 0.5,
      rejectionRate: 2 / 7,
      cancellationRate: 1 / 7,
      acceptance: { count: 5, p50Seconds: 3600, p95Seconds: percentile(acceptance, 0.95) },
      timeToShip: { count: 2, p50Seconds: 25 * 3600, p95Seconds: percentile(ship, 0.95) },
    });
    expect(card.orders.acceptance.p95Seconds).toBe(6840);

    // Defaults: fill 30, ship 20, cancellations 15, rejections 10, acceptance 10, errors 10, latency 5.
    // Acceptance (1 h vs 4 h), ship (25 h vs 48 h) and latency (470 ms vs 2 s) are within target: 1.
    const expected = (30 * 0.5 + 20 + 15 * (6 / 7) + 10 * (5 / 7) + 10 + 10 * (5 / 7) + 5) / 100;
    expect(card.score).toMatchObject({ score: Math.round(1000 * expected) / 10, neutral: false, note: null });
    expect(card.score.score).toBe(77.1);
    expect(card.score.components.fillRate).toEqual({ weight: 30, value: 0.5 });

    // The series: 28 buckets of 6 h; everything in bucket 10.
    expect(card.window).toEqual({ from: from.toISOString(), to: to.toISOString(), label: expect.any(String), bucketSeconds: 6 * 3600 });
    expect(card.series).toHaveLength(28);
    expect(card.series[10]).toEqual({
      at: new Date(from.getTime() + 10 * 6 * HOUR).toISOString(),
      calls: 7,
      errors: 2,
      errorRate: 2 / 7,
      latencyP95Ms: percentile(all, 0.95),
      orders: 7,
      rejections: 2,
    });
    expect(card.series.reduce((n: number, p: { calls: number }) => n + p.calls, 0)).toBe(7);

    // The comparison: every supplier, best score first; CJ and WesellCellular have no history, so the neutral score, said so.
    const list = await ops.call(`/api/ops/scorecards?window=7d`);
    expect(list.status).toBe(200);
    expect(list.body.data.map((c: { supplier: { slug: string } }) => c.supplier.slug)).toEqual(["phonex", "cj", "wesellcellular"]);
    expect(list.body.data[0].orders.sent).toBe(7);
    expect(list.body.data[1].score).toMatchObject({ score: 50, neutral: true });
    expect(list.body.data[1].score.note).toMatch(/Too little history: 0 supplier orders/);
    expect(list.body.data[1].supplier.id).toBe(cj.id);
    // The last 24 h hold none of it.
    expect((await ops.call(`/api/ops/suppliers/${px}/scorecard?window=24h`)).body.orders.sent).toBe(0);

    // The cached score routing reads: the job writes it (null for too little history).
    expect(await refreshSupplierScores()).toMatchObject({ suppliers: 3, scores: { phonex: 77.1, cj: null, wesellcellular: null } });
    expect(await db.supplier.findUniqueOrThrow({ where: { id: px }, select: { score: true, scoreComputedAt: true } })).toEqual({
      score: 77.1,
      scoreComputedAt: expect.any(Date),
    });

    // Ops change the weights: fill rate alone. The cached score follows at once.
    const zero = { acceptanceTime: 0, shipTime: 0, rejections: 0, cancellations: 0, errors: 0, latency: 0 };
    const put = await ops.call("/api/ops/scorecards/settings", { method: "PUT", json: { weights: { fillRate: 100, ...zero } } });
    expect(put.status).toBe(200);
    expect(put.body.weights).toEqual({ fillRate: 100, ...zero });
    expect(put.body.routingMode).toBe("cost");
    expect((await db.supplier.findUniqueOrThrow({ where: { id: px } })).score).toBe(50);
    expect((await ops.call(`/api/ops/suppliers/phonex/scorecard?from=${from.toISOString()}&to=${to.toISOString()}`)).body.score.score).toBe(50);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { action: "scorecard_settings.updated" } });
    expect(audit).toMatchObject({ actorEmail: "ops@portal.test", entityId: "scorecard" });
  });

  it("refuses bad windows and bad settings with 422 naming the field, an unknown supplier with 404, and resellers with 403", async () => {
    const world = await seedWorld();
    const ops = await signedIn(world.ops.id);
    const bad = async (path: string, init?: Parameters<typeof ops.call>[1]) => {
      const r = await ops.call(path, init);
      expect(r.status, path).toBe(422);
      return Object.keys(r.body.error.fields);
    };
    expect(await bad("/api/ops/scorecards?window=5d")).toEqual(["window"]);
    expect(await bad("/api/ops/scorecards?from=yesterday")).toEqual(["from"]);
    expect(await bad("/api/ops/suppliers/phonex/scorecard?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")).toEqual(["to"]);
    expect(await bad("/api/ops/scorecards/settings", { method: "PUT", json: { routingMode: "fastest" } })).toEqual(["routingMode"]);
    expect(await bad("/api/ops/scorecards/settings", { method: "PUT", json: { weights: { speed: 3 } } })).toEqual(["weights.speed"]);
    expect(await bad("/api/ops/scorecards/settings", { method: "PUT", json: { scoreWeight: -1 } })).toEqual(["scoreWeight"]);
    expect((await ops.call("/api/ops/suppliers/nope/scorecard")).status).toBe(404);
    expect((await api("/api/ops/scorecards")).status).toBe(403);
    expect((await ops.call("/api/ops/scorecards/settings", { method: "POST", json: {} })).status).toBe(405);
  });
});

describe("circuit openings", () => {
  it("records each opening of a supplier's circuit in Postgres, once however many failures follow", async () => {
    const world = await seedWorld();
    const observe = guardObserver({
      id: world.supplier.id,
      slug: "phonex",
      kind: "phonex",
      baseUrl: "http://supplier.test",
      credentials: {},
      webhookSecrets: [],
      timeoutMs: 1000,
      rateLimitPerSec: 50,
    });
    const fail = () => observe({ operation: "createOrder", method: "POST", url: "http://supplier.test", statusCode: 503, ok: false, durationMs: 10 });
    for (let i = 0; i < 4; i++) await fail();
    expect(await db.supplierCircuitOpening.count()).toBe(0);
    await fail(); // the fifth: it opens
    await fail(); // already open
    expect((await breaker().status(world.supplier.id)).state).toBe("open");
    expect(await db.supplierCircuitOpening.findMany({ select: { supplierId: true, failures: true } })).toEqual([
      { supplierId: world.supplier.id, failures: 5 },
    ]);
    // A probe that fails after the cooldown opens it again: a second opening.
    await new Promise((r) => setTimeout(r, 1100));
    await fail();
    expect(await db.supplierCircuitOpening.count()).toBe(2);
  });
});

describe("score-weighted routing", () => {
  it("routes to the better-scored supplier in 'cost plus score' mode and to the cheaper one in 'cost only', says why to ops and nothing to the reseller", async () => {
    const world = await seedWorld();
    const { cj } = await seedOtherSuppliers();
    const sku = "SCORE-TEST-128GB-A";
    const base = { sku, name: "Scorephone 128GB A", brand: "Scorephone", model: "Score", storage: "128GB", color: "Black", grade: "A", price: 130, stock: 20 };
    await seedProduct(world.supplier.id, { ...base, cost: 100 });
    await seedProduct(cj.id, { ...base, cost: 97, supplierSku: "CJ-SCORE-1" });
    const ops = await signedIn(world.ops.id);
    const setScores = () =>
      // As the scorecard job caches them: PhoneX good, CJ (3 % cheaper) poor.
      Promise.all([
        db.supplier.update({ where: { id: world.supplier.id }, data: { score: 92, scoreComputedAt: new Date() } }),
        db.supplier.update({ where: { id: cj.id }, data: { score: 40, scoreComputedAt: new Date() } }),
      ]);
    await setScores();
    const place = async () => {
      const r = await api("/api/orders", {
        method: "POST",
        headers: { "Idempotency-Key": randomUUID() },
        json: { items: [{ sku, quantity: 2 }], shippingAddress: address },
      });
      expect(r.status).toBe(201);
      return r.body.id as string;
    };
    const routedTo = async (orderId: string) =>
      (await db.orderItem.findMany({ where: { orderId }, select: { supplierOrder: { select: { supplier: { select: { slug: true } } } } } })).map(
        (i) => i.supplierOrder!.supplier.slug,
      );
    const createdMessage = async (orderId: string) => {
      const r = await ops.call(`/api/orders/${orderId}`);
      expect(r.status).toBe(200);
      return (r.body.timeline as { type: string; message: string }[]).find((e) => e.type === "created")!.message;
    };

    // Cost only (the default): the cheaper one.
    const first = await place();
    expect(await routedTo(first)).toEqual(["cj"]);
    expect(await createdMessage(first)).toBe(
      `Order placed by Maria Lopez. Routing (cost only): ${sku} → CJ Dropshipping: cheapest in stock (97.00 vs 100.00 at PhoneX)`,
    );

    // Cost plus score: 97 × (1 + 0.2 × 0.6) = 108.64 against 100 × (1 + 0.2 × 0.08) = 101.60.
    const put = await ops.call("/api/ops/scorecards/settings", { method: "PUT", json: { routingMode: "cost_score", scoreWeight: 0.2 } });
    expect(put.status).toBe(200);
    await setScores(); // the PUT recomputed them from (no) history; put the seeded ones back
    const second = await place();
    expect(await routedTo(second)).toEqual(["phonex"]);
    expect(await createdMessage(second)).toBe(
      `Order placed by Maria Lopez. Routing (cost plus score): ${sku} → PhoneX: score 92 outweighs a 3.1 % higher cost than CJ Dropshipping` +
        ` (score 40; 100.00 vs 97.00 at CJ Dropshipping; effective 101.60 vs 108.64)`,
    );

    // The reseller's view of that order: no supplier, no reason.
    const mine = await api(`/api/orders/${second}`);
    expect(mine.status).toBe(200);
    const text = JSON.stringify(mine.body);
    for (const word of ["PhoneX", "phonex", "CJ", "Routing", "score", "outweighs"]) expect(text, word).not.toContain(word);
    expect(mine.body.timeline.find((e: { type: string }) => e.type === "created").message).toBe("Order placed");
    expect(mine.body.supplierOrders.map((s: { supplier: unknown }) => s.supplier)).toEqual([null]);

    // Back to cost only: the cheaper one again.
    await ops.call("/api/ops/scorecards/settings", { method: "PUT", json: { routingMode: "cost" } });
    await setScores();
    expect(await routedTo(await place())).toEqual(["cj"]);
  });
});
