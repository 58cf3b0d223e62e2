import "server-only";
import { db } from "../db/client";
import type { ScorecardSettings } from "../settings/scorecard-schema";
import { computeScore, type ScoreResult } from "./score";
import type { Window } from "./window";

/**
 * Supplier scorecards from our own records, each figure one aggregate in SQL:
 * - calls (SupplierCall created in the window): count, errors (ok = false), error rate and
 *   latency p50/p95 (percentile_cont over durationMs), per operation and in all;
 * - breaker openings (SupplierCircuitOpening rows in the window);
 * - supplier orders created in the window and sent (status no longer pending): accepted (reached
 *   accepted or beyond on the timeline and neither rejected nor canceled by the supplier since), rejected, canceled by the supplier
 *   (canceled, not asked for by the reseller or ops, not a failover move), reroutes ("rerouted"
 *   events: its lines moved to another supplier), lines sent (its lines, and those moved away,
 *   which the rerouted event counts) and accepted: fill rate = lines accepted ÷ lines sent;
 *   rejection and cancellation rates per order sent;
 * - acceptance time (first "submitted" to first "accepted" on the timeline) and time to ship
 *   (submitted to first "shipped"), median and p95;
 * - a series of buckets for the charts (calls, errors, latency p95, orders, rejections);
 * - the weighted score (lib/scorecards/score.ts) and the cached one routing uses.
 */
export type OperationFigures = {
  operation: string;
  calls: number;
  errors: number;
  errorRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
};
export type Duration = { count: number; p50Seconds: number | null; p95Seconds: number | null };
export type OrderFigures = {
  sent: number;
  accepted: number;
  rejected: number;
  canceled: number;
  reroutes: number;
  linesSent: number;
  linesAccepted: number;
  fillRate: number | null;
  rejectionRate: number | null;
  cancellationRate: number | null;
  acceptance: Duration;
  timeToShip: Duration;
};
export type SeriesPoint = {
  at: string;
  calls: number;
  errors: number;
  errorRate: number | null;
  latencyP95Ms: number | null;
  orders: number;
  rejections: number;
};
export type SupplierScorecard = {
  supplier: { id: string; slug: string; name: string; active: boolean };
  window: { from: string; to: string; label: string; bucketSeconds: number };
  calls: { all: OperationFigures; byOperation: OperationFigures[] };
  breakerOpenings: number;
  orders: OrderFigures;
  score: ScoreResult & { cached: { score: number | null; computedAt: string | null } };
  series: SeriesPoint[];
};

type SupplierRow = { id: string; slug: string; name: string; active: boolean; score: number | null; scoreComputedAt: Date | null };
type CallRow = { supplierId: string; operation: string | null; calls: number; errors: number; p50: number | null; p95: number | null };
type OrderRow = {
  supplierId: string;
  sent: number;
  accepted: number;
  rejected: number;
  canceled: number;
  reroutes: number;
  linesSent: number;
  linesAccepted: number;
  acceptN: number;
  acceptP50: number | null;
  acceptP95: number | null;
  shipN: number;
  shipP50: number | null;
  shipP95: number | null;
};
type BucketRow = { supplierId: string; at: Date; calls: number; errors: number; p95: number | null; orders: number; rejections: number };

const rate = (n: number, d: number) => (d > 0 ? n / d : null);
const num = (x: number | null | undefined) => (x === null || x === undefined ? null : Number(x));

/** Scorecards of these suppliers (all of them when `supplierIds` is omitted), in a handful of statements. */
export async function computeScorecards(win: Window, settings: ScorecardSettings, supplierIds?: string[]): Promise<SupplierScorecard[]> {
  const suppliers = await db.supplier.findMany({
    where: supplierIds ? { id: { in: supplierIds } } : {},
    select: { id: true, slug: true, name: true, active: true, score: true, scoreComputedAt: true },
    orderBy: { name: "asc" },
  });
  if (suppliers.length === 0) return [];
  const ids = suppliers.map((s) => s.id);
  const { from, to } = win;
  const [calls, openings, orders, buckets] = await Promise.all([
    db.$queryRaw<CallRow[]>`
      SELECT c."supplierId", c."operation", count(*)::int AS calls, (count(*) FILTER (WHERE NOT c."ok"))::int AS errors,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY c."durationMs") AS p50,
             percentile_cont(0.95) WITHIN GROUP (ORDER BY c."durationMs") AS p95
        FROM "SupplierCall" c
       WHERE c."supplierId" = ANY(${ids}::text[]) AND c."createdAt" >= ${from} AND c."createdAt" < ${to}
       GROUP BY GROUPING SETS ((c."supplierId", c."operation"), (c."supplierId"))`,
    db.$queryRaw<{ supplierId: string; n: number }[]>`
      SELECT o."supplierId", count(*)::int AS n FROM "SupplierCircuitOpening" o
       WHERE o."supplierId" = ANY(${ids}::text[]) AND o."createdAt" >= ${from} AND o."createdAt" < ${to}
       GROUP BY o."supplierId"`,
    db.$queryRaw<OrderRow[]>`
      WITH so AS (
        SELECT s."id", s."supplierId", s."status"::text AS status,
               (s."status" = 'canceled' AND s."cancelRequestedAt" IS NULL AND s."movedAt" IS NULL) AS supplier_canceled,
               COALESCE(ev.submitted, s."submittedAt") AS submitted_at, ev.accepted_at, ev.shipped_at,
               (ev.reached AND s."status" <> 'rejected' AND NOT (s."status" = 'canceled' AND s."cancelRequestedAt" IS NULL)) AS accepted,
               ev.reroutes,
               (SELECT count(*) FROM "OrderItem" i WHERE i."supplierOrderId" = s."id")::int + ev.moved_lines AS lines
          FROM "SupplierOrder" s
          CROSS JOIN LATERAL (
            SELECT min(e."createdAt") FILTER (WHERE e."type" = 'status_changed' AND e."status" = 'submitted') AS submitted,
                   min(e."createdAt") FILTER (WHERE e."type" = 'status_changed' AND e."status" = 'accepted') AS accepted_at,
                   min(e."createdAt") FILTER (WHERE e."type" = 'status_changed' AND e."status" = 'shipped') AS shipped_at,
                   COALESCE(bool_or(e."type" = 'status_changed' AND e."status" IN ('accepted', 'processing', 'shipped', 'delivered')), false) AS reached,
                   (count(*) FILTER (WHERE e."type" = 'rerouted'))::int AS reroutes,
                   COALESCE(sum(CASE WHEN e."type" = 'rerouted' AND jsonb_typeof(e."data"->'lines') = 'number' THEN (e."data"->>'lines')::int END), 0)::int AS moved_lines
              FROM "OrderEvent" e WHERE e."orderId" = s."orderId" AND e."supplierOrderId" = s."id") ev
         WHERE s."supplierId" = ANY(${ids}::text[]) AND s."createdAt" >= ${from} AND s."createdAt" < ${to} AND s."status" <> 'pending'
      )
      SELECT so."supplierId",
             count(*)::int AS sent,
             (count(*) FILTER (WHERE so.accepted))::int AS accepted,
             (count(*) FILTER (WHERE so.status = 'rejected'))::int AS rejected,
             (count(*) FILTER (WHERE so.supplier_canceled))::int AS canceled,
             COALESCE(sum(so.reroutes), 0)::int AS reroutes,
             COALESCE(sum(so.lines), 0)::int AS "linesSent",
             COALESCE(sum(so.lines) FILTER (WHERE so.accepted), 0)::int AS "linesAccepted",
             (count(*) FILTER (WHERE so.accepted_at IS NOT NULL AND so.submitted_at IS NOT NULL))::int AS "acceptN",
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM so.accepted_at - so.submitted_at)) AS "acceptP50",
             percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM so.accepted_at - so.submitted_at)) AS "acceptP95",
             (count(*) FILTER (WHERE so.shipped_at IS NOT NULL AND so.submitted_at IS NOT NULL))::int AS "shipN",
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM so.shipped_at - so.submitted_at)) AS "shipP50",
             percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM so.shipped_at - so.submitted_at)) AS "shipP95"
        FROM so GROUP BY so."supplierId"`,
    db.$queryRaw<BucketRow[]>`
      WITH b AS (
        SELECT g.at FROM generate_series(0, GREATEST(0, ceil(extract(epoch FROM ${to}::timestamp - ${from}::timestamp) / ${win.bucketSeconds})::int - 1)) AS n,
               LATERAL (SELECT ${from}::timestamp + make_interval(secs => n * ${win.bucketSeconds}) AS at) g
      ), c AS (
        SELECT c."supplierId", date_bin(make_interval(secs => ${win.bucketSeconds}), c."createdAt", ${from}::timestamp) AS at,
               count(*)::int AS calls, (count(*) FILTER (WHERE NOT c."ok"))::int AS errors,
               percentile_cont(0.95) WITHIN GROUP (ORDER BY c."durationMs") AS p95
          FROM "SupplierCall" c
         WHERE c."supplierId" = ANY(${ids}::text[]) AND c."createdAt" >= ${from} AND c."createdAt" < ${to}
         GROUP BY 1, 2
      ), o AS (
        SELECT s."supplierId", date_bin(make_interval(secs => ${win.bucketSeconds}), s."createdAt", ${from}::timestamp) AS at,
               count(*)::int AS orders, (count(*) FILTER (WHERE s."status" = 'rejected'))::int AS rejections
          FROM "SupplierOrder" s
         WHERE s."supplierId" = ANY(${ids}::text[]) AND s."createdAt" >= ${from} AND s."createdAt" < ${to} AND s."status" <> 'pending'
         GROUP BY 1, 2
      )
      SELECT sup.id AS "supplierId", b.at, COALESCE(c.calls, 0) AS calls, COALESCE(c.errors, 0) AS errors, c.p95,
             COALESCE(o.orders, 0) AS orders, COALESCE(o.rejections, 0) AS rejections
        FROM unnest(${ids}::text[]) AS sup(id) CROSS JOIN b
        LEFT JOIN c ON c."supplierId" = sup.id AND c.at = b.at
        LEFT JOIN o ON o."supplierId" = sup.id AND o.at = b.at
       ORDER BY b.at`,
  ]);
  return suppliers.map((s) => assemble(s, win, settings, calls, openings, orders, buckets));
}

function figures(operation: string, r: CallRow | undefined): OperationFigures {
  const calls = r?.calls ?? 0;
  const errors = r?.errors ?? 0;
  return { operation, calls, errors, errorRate: rate(errors, calls), p50Ms: num(r?.p50), p95Ms: num(r?.p95) };
}

function assemble(
  s: SupplierRow,
  win: Window,
  settings: ScorecardSettings,
  calls: CallRow[],
  openings: { supplierId: string; n: number }[],
  orderRows: OrderRow[],
  buckets: BucketRow[],
): SupplierScorecard {
  const mine = calls.filter((c) => c.supplierId === s.id);
  const all = figures(
    "all",
    mine.find((c) => c.operation === null),
  );
  const byOperation = mine
    .filter((c) => c.operation !== null)
    .map((c) => figures(c.operation!, c))
    .sort((a, b) => a.operation.localeCompare(b.operation));
  const o = orderRows.find((r) => r.supplierId === s.id);
  const orders: OrderFigures = {
    sent: o?.sent ?? 0,
    accepted: o?.accepted ?? 0,
    rejected: o?.rejected ?? 0,
    canceled: o?.canceled ?? 0,
    reroutes: o?.reroutes ?? 0,
    linesSent: o?.linesSent ?? 0,
    linesAccepted: o?.linesAccepted ?? 0,
    fillRate: rate(o?.linesAccepted ?? 0, o?.linesSent ?? 0),
    rejectionRate: rate(o?.rejected ?? 0, o?.sent ?? 0),
    cancellationRate: rate(o?.canceled ?? 0, o?.sent ?? 0),
    acceptance: { count: o?.acceptN ?? 0, p50Seconds: num(o?.acceptP50), p95Seconds: num(o?.acceptP95) },
    timeToShip: { count: o?.shipN ?? 0, p50Seconds: num(o?.shipP50), p95Seconds: num(o?.shipP95) },
  };
  const score = computeScore(
    {
      orders: orders.sent,
      fillRate: orders.fillRate,
      acceptanceP50Seconds: orders.acceptance.p50Seconds,
      shipP50Seconds: orders.timeToShip.p50Seconds,
      rejectionRate: orders.rejectionRate,
      cancellationRate: orders.cancellationRate,
      errorRate: all.errorRate,
      latencyP95Ms: all.p95Ms,
    },
    settings,
  );
  return {
    supplier: { id: s.id, slug: s.slug, name: s.name, active: s.active },
    window: { from: win.from.toISOString(), to: win.to.toISOString(), label: win.label, bucketSeconds: win.bucketSeconds },
    calls: { all, byOperation },
    breakerOpenings: openings.find((r) => r.supplierId === s.id)?.n ?? 0,
    orders,
    score: { ...score, cached: { score: s.score, computedAt: s.scoreComputedAt?.toISOString() ?? null } },
    series: buckets
      .filter((b) => b.supplierId === s.id)
      .map((b) => ({
        // timestamp(3) comes back as a Date read as UTC.
        at: new Date(b.at).toISOString(),
        calls: b.calls,
        errors: b.errors,
        errorRate: rate(b.errors, b.calls),
        latencyP95Ms: num(b.p95),
        orders: b.orders,
        rejections: b.rejections,
      })),
  };
}
