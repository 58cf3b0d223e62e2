import "server-only";
import { Counter, Gauge, Histogram, Registry, type HistogramConfiguration, type MetricObjectWithValues, type MetricValueWithName } from "prom-client";
import { db } from "../db/client";
import { getQueue } from "../queue/connection";
import { QUEUES } from "../queue/names";
import { breaker } from "../suppliers/resilience/guard";
import { httpMetrics } from "../api/http-metrics";

/**
 * GET /api/metrics: the Prometheus text exposition (prom-client), passing `promtool check metrics`.
 *
 * Two kinds of figure. This instance's own (lib/api/http-metrics.ts: HTTP requests and their
 * latency by route template and status, the process's CPU, memory and event loop): Prometheus
 * scrapes every instance and sums them. And the fleet's (below): counted at scrape time from
 * what Postgres records (orders, supplier orders, supplier calls, webhooks, emails, sync runs,
 * outbox rows) and Redis holds (queue depths, circuit breakers), so a scrape of any app instance
 * reports the same fleet-wide figure, whichever instance or worker did the work. A counter is a
 * count of rows that only ever grows; a histogram is the rows' durations counted into `le`
 * buckets. One aggregate statement per table, all at once, shared by concurrent scrapes.
 */
export async function collectMetrics(): Promise<string> {
  const [mine, fleet] = await Promise.all([httpMetrics().registry.metrics(), fleetRegistry().metrics()]);
  return `${mine}\n${fleet}`;
}

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

const CALL_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const SYNC_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600];
const msBounds = (seconds: number[]) => seconds.map((s) => Math.round(s * 1000));

type Row = Record<string, unknown>;
/** A duration histogram's rows: `k` is the bucket (0 = le the first bound, bounds.length = +Inf), `n` the rows in it, `ms` their durations' sum. */
type BucketRow = { k: number; n: number; ms: number };

type Snapshot = Awaited<ReturnType<typeof readSnapshot>>;

async function readSnapshot() {
  const callMs = msBounds(CALL_BUCKETS);
  const syncMs = msBounds(SYNC_BUCKETS);
  const [suppliers, orders, supplierOrders, failures, calls, recentCalls, webhooks, emails, syncs, work] = await Promise.all([
    db.$queryRaw<{ id: string; slug: string }[]>`SELECT "id", "slug" FROM "Supplier"`,
    db.$queryRaw<{ status: string; n: number }[]>`SELECT "status"::text AS "status", COUNT(*)::int AS n FROM "Order" GROUP BY 1`,
    db.$queryRaw<{ supplierId: string; status: string; n: number; forwarded: number }[]>`
      SELECT "supplierId", "status"::text AS "status", COUNT(*)::int AS n, COUNT("submittedAt")::int AS "forwarded" FROM "SupplierOrder" GROUP BY 1, 2`,
    // Failures from the timeline (append-only): an ops retry sets the supplier order back to pending, never the count back.
    db.$queryRaw<{ supplierId: string; n: number }[]>`
      SELECT so."supplierId", COUNT(*)::int AS n FROM "OrderEvent" e JOIN "SupplierOrder" so ON so."id" = e."supplierOrderId"
       WHERE e."type" = 'status_changed' AND e."status" = 'failed' GROUP BY 1`,
    db.$queryRaw<({ supplierId: string; operation: string; ok: boolean } & BucketRow)[]>`
      SELECT "supplierId", "operation", "ok", width_bucket("durationMs" - 1, ${callMs}::int[]) AS k, COUNT(*)::int AS n, COALESCE(SUM("durationMs"), 0)::float8 AS ms
        FROM "SupplierCall" GROUP BY 1, 2, 3, 4`,
    db.$queryRaw<{ supplierId: string; ok: boolean; n: number; p95: number | null }[]>`
      SELECT "supplierId", "ok", COUNT(*)::int AS n, percentile_cont(0.95) WITHIN GROUP (ORDER BY "durationMs") AS p95
        FROM "SupplierCall" WHERE "createdAt" > (now() AT TIME ZONE 'UTC') - interval '5 minutes' GROUP BY 1, 2`,
    db.$queryRaw<{ source: string; outcome: string; n: number; day: number }[]>`
      SELECT "source", "outcome", COUNT(*)::int AS n, COUNT(*) FILTER (WHERE "receivedAt" > (now() AT TIME ZONE 'UTC') - interval '24 hours')::int AS "day"
        FROM "WebhookEvent" GROUP BY 1, 2`,
    db.$queryRaw<{ status: string; n: number; interrupted: number }[]>`
      SELECT "status", COUNT(*)::int AS n, COALESCE(SUM("interrupted"), 0)::int AS "interrupted" FROM "Notification" GROUP BY 1`,
    db.$queryRaw<({ supplierId: string; type: string; status: string } & BucketRow)[]>`
      SELECT "supplierId", "type", "status", width_bucket(COALESCE("durationMs", 0) - 1, ${syncMs}::int[]) AS k, COUNT(*)::int AS n,
             COALESCE(SUM("durationMs"), 0)::float8 AS ms
        FROM "SupplierSyncLog" WHERE "status" IN ('success', 'error') GROUP BY 1, 2, 3, 4`,
    db.$queryRaw<{ queue: string; status: string; n: number; overdue: number }[]>`
      SELECT "queue", "status", COUNT(*)::int AS n,
             COUNT(*) FILTER (WHERE "status" = 'open' AND "createdAt" < (now() AT TIME ZONE 'UTC') - interval '1 minute'
                                AND ("claimedUntil" IS NULL OR "claimedUntil" < (now() AT TIME ZONE 'UTC')))::int AS overdue
        FROM "OutboxMessage" WHERE "status" <> 'done' GROUP BY 1, 2`,
  ]);
  const [circuits, queues] = await Promise.all([
    Promise.all(suppliers.map(async (s) => ({ slug: s.slug, ...(await breaker().status(s.id)) }))),
    Promise.all(Object.values(QUEUES).map(async (q) => ({ queue: q, counts: await getQueue(q).getJobCounts("waiting", "active", "delayed", "failed") }))),
  ]);
  const slug = new Map(suppliers.map((s) => [s.id, s.slug]));
  const slugOf = (id: string) => slug.get(id) ?? "unknown";
  return { slugOf, orders, supplierOrders, failures, calls, recentCalls, webhooks, emails, syncs, work, circuits, queues };
}

// Concurrent scrapes (several Prometheus servers, a person with curl) share one read.
let inflight: Promise<Snapshot> | null = null;
function snapshot(): Promise<Snapshot> {
  return (inflight ??= readSnapshot().finally(() => (inflight = null)));
}

/** The durations as a histogram's series: buckets cumulative, `+Inf`, `_sum` (seconds) and `_count`. */
class SnapshotHistogram<T extends string> extends Histogram<T> {
  constructor(
    cfg: HistogramConfiguration<T> & { buckets: number[] },
    private readonly rows: (s: Snapshot) => { labels: Record<T, string>; rows: BucketRow[] }[],
  ) {
    super(cfg);
    this.bounds = cfg.buckets;
  }
  private readonly bounds: number[];

  async get(): Promise<MetricObjectWithValues<MetricValueWithName<T>>> {
    const s = await snapshot();
    const values: MetricValueWithName<T>[] = [];
    const name = (this as unknown as { name: string }).name;
    for (const { labels, rows } of this.rows(s)) {
      const counts = new Array<number>(this.bounds.length + 1).fill(0);
      let sumMs = 0;
      for (const r of rows) {
        const k = Math.min(Math.max(r.k, 0), this.bounds.length);
        counts[k] = counts[k]! + r.n;
        sumMs += r.ms;
      }
      let acc = 0;
      this.bounds.forEach((le, i) => {
        acc += counts[i]!;
        values.push({ labels: { ...labels, le } as never, value: acc, metricName: `${name}_bucket` });
      });
      acc += counts[this.bounds.length]!;
      values.push({ labels: { ...labels, le: "+Inf" } as never, value: acc, metricName: `${name}_bucket` });
      values.push({ labels: labels as never, value: sumMs / 1000, metricName: `${name}_sum` });
      values.push({ labels: labels as never, value: acc, metricName: `${name}_count` });
    }
    return { name, help: (this as unknown as { help: string }).help, type: "histogram" as never, values, aggregator: "sum", collect: () => undefined };
  }

  /** The registry asks for this when it writes the text. */
  getForPromString() {
    return this.get();
  }
}

/** Rows grouped by their labels (one histogram series per label set). */
function byLabels<R extends Row, T extends string>(rows: R[], labels: (r: R) => Record<T, string>) {
  const groups = new Map<string, { labels: Record<T, string>; rows: R[] }>();
  for (const r of rows) {
    const l = labels(r);
    const key = JSON.stringify(l);
    const g = groups.get(key);
    if (g) g.rows.push(r);
    else groups.set(key, { labels: l, rows: [r] });
  }
  return [...groups.values()];
}

/** A counter or gauge whose value at scrape time is read from the snapshot. */
function fromSnapshot<T extends string>(
  kind: "counter" | "gauge",
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly T[],
  values: (s: Snapshot) => [Partial<Record<T, string>>, number][],
) {
  const set = (m: Counter<T> | Gauge<T>, s: Snapshot) => {
    m.reset();
    for (const [labels, v] of values(s)) {
      if (m instanceof Counter) m.inc(labels, v);
      else m.set(labels, v);
    }
  };
  if (kind === "counter")
    new Counter<T>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        set(this, await snapshot());
      },
    });
  else
    new Gauge<T>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        set(this, await snapshot());
      },
    });
}

const KEY = Symbol.for("portal.fleetMetrics");
const g = globalThis as unknown as { [KEY]?: Registry };

function fleetRegistry(): Registry {
  return (g[KEY] ??= createFleetRegistry());
}

function createFleetRegistry(): Registry {
  const r = new Registry();
  const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((a, x) => a + f(x), 0);
  const counter = <T extends string>(name: string, help: string, labels: readonly T[], v: (s: Snapshot) => [Partial<Record<T, string>>, number][]) =>
    fromSnapshot("counter", r, name, help, labels, v);
  const gauge = <T extends string>(name: string, help: string, labels: readonly T[], v: (s: Snapshot) => [Partial<Record<T, string>>, number][]) =>
    fromSnapshot("gauge", r, name, help, labels, v);

  // Orders.
  counter("orders_placed_total", "Orders placed (fleet-wide, from Postgres)", [], (s) => [[{}, sum(s.orders, (o) => o.n)]]);
  counter("orders_forwarded_total", "Supplier orders the supplier took (acknowledged or read back), by supplier", ["supplier"], (s) =>
    perSupplier(s, s.supplierOrders, (x) => x.forwarded),
  );
  counter("orders_failed_total", "Supplier orders that failed (forwarding given up, or failed by the supplier), by supplier", ["supplier"], (s) =>
    perSupplier(s, s.failures, (x) => x.n),
  );
  gauge("portal_orders", "Orders by status", ["status"], (s) => s.orders.map((o) => [{ status: o.status }, o.n]));
  gauge("portal_supplier_orders", "Supplier orders by supplier and status", ["supplier", "status"], (s) =>
    s.supplierOrders.map((x) => [{ supplier: s.slugOf(x.supplierId), status: x.status }, x.n]),
  );

  // Supplier calls.
  counter("supplier_requests_total", "Calls to supplier APIs by supplier, operation and outcome (ok, error)", ["supplier", "operation", "outcome"], (s) =>
    byLabels(s.calls, (c) => callLabels(s, c)).map((g) => [g.labels, sum(g.rows, (x) => x.n)]),
  );
  new SnapshotHistogram(
    {
      name: "supplier_request_duration_seconds",
      help: "Duration of calls to supplier APIs by supplier, operation and outcome",
      labelNames: ["supplier", "operation", "outcome"],
      buckets: CALL_BUCKETS,
      registers: [r],
    },
    (s) => byLabels(s.calls, (c) => callLabels(s, c)),
  );
  gauge("portal_supplier_calls_5m", "Supplier calls in the last 5 minutes", ["supplier", "ok"], (s) =>
    s.recentCalls.map((c) => [{ supplier: s.slugOf(c.supplierId), ok: String(c.ok) }, c.n]),
  );
  gauge("portal_supplier_call_5m_p95_seconds", "p95 duration of successful supplier calls in the last 5 minutes", ["supplier"], (s) =>
    s.recentCalls.filter((c) => c.ok).map((c) => [{ supplier: s.slugOf(c.supplierId) }, (c.p95 ?? 0) / 1000]),
  );
  gauge("supplier_circuit_state", "Each supplier's circuit breaker: 0 closed, 1 half-open (probing), 2 open", ["supplier"], (s) =>
    s.circuits.map((c) => [{ supplier: c.slug }, c.state === "open" ? 2 : c.state === "closed" ? 0 : 1]),
  );
  gauge("portal_supplier_circuit_open", "1 when the supplier's circuit is open or half-open", ["supplier", "state"], (s) =>
    s.circuits.map((c) => [{ supplier: c.slug, state: c.state }, c.state === "closed" ? 0 : 1]),
  );

  // Inbound webhooks.
  counter(
    "webhooks_received_total",
    "Inbound supplier webhooks by supplier and outcome, counted once processed (applied, duplicate, ignored, unknown_order, rejected, failed, ...)",
    ["supplier", "outcome"],
    (s) => s.webhooks.filter((w) => w.outcome !== "pending").map((w) => [{ supplier: w.source, outcome: w.outcome }, w.n]),
  );
  gauge("webhooks_pending", "Inbound webhooks stored and not yet processed, by supplier", ["supplier"], (s) =>
    s.webhooks.filter((w) => w.outcome === "pending").map((w) => [{ supplier: w.source }, w.n]),
  );
  gauge("portal_webhooks_24h", "Inbound webhooks in the last 24 h by supplier and outcome", ["source", "outcome"], (s) =>
    s.webhooks.map((w) => [{ source: w.source, outcome: w.outcome }, w.day]),
  );

  // Emails.
  counter("emails_sent_total", "Emails the SMTP server accepted", [], (s) => [
    [
      {},
      sum(
        s.emails.filter((e) => e.status === "sent"),
        (e) => e.n,
      ),
    ],
  ]);
  counter("emails_failed_total", "Emails given up after their attempts", [], (s) => [
    [
      {},
      sum(
        s.emails.filter((e) => e.status === "failed"),
        (e) => e.n,
      ),
    ],
  ]);
  gauge("portal_notifications", "Emails by status", ["status"], (s) => s.emails.map((e) => [{ status: e.status }, e.n]));
  counter("portal_email_sends_interrupted_total", "Email sends whose claim expired mid-send and were sent again with the same Message-ID", [], (s) => [
    [{}, sum(s.emails, (e) => e.interrupted)],
  ]);

  // Catalog sync runs.
  counter("sync_success_total", "Supplier sync runs that succeeded, by supplier and type", ["supplier", "type"], (s) => syncCounts(s, "success"));
  counter("sync_failure_total", "Supplier sync runs that ended in an error, by supplier and type", ["supplier", "type"], (s) => syncCounts(s, "error"));
  new SnapshotHistogram(
    {
      name: "sync_duration_seconds",
      help: "Duration of finished supplier sync runs by supplier, type and outcome (success, error)",
      labelNames: ["supplier", "type", "outcome"],
      buckets: SYNC_BUCKETS,
      registers: [r],
    },
    (s) => byLabels(s.syncs, (x) => ({ supplier: s.slugOf(x.supplierId), type: x.type, outcome: x.status })),
  );

  // Queues: the work Postgres records, and what BullMQ holds.
  gauge("portal_jobs", "Jobs recorded in Postgres that are not done, by queue and status (open, dead)", ["queue", "status"], (s) =>
    s.work.map((w) => [{ queue: w.queue, status: w.status }, w.n]),
  );
  gauge("portal_jobs_overdue", "Open jobs older than a minute with no worker on them", ["queue"], (s) =>
    s.work.filter((w) => w.status === "open").map((w) => [{ queue: w.queue }, w.overdue]),
  );
  gauge("portal_queue_jobs", "Jobs per queue and state (BullMQ)", ["queue", "state"], (s) =>
    s.queues.flatMap(({ queue, counts }) => Object.entries(counts).map(([state, n]) => [{ queue, state }, n] as [Record<string, string>, number])),
  );
  return r;
}

function perSupplier<R extends { supplierId: string }>(s: Snapshot, rows: R[], n: (r: R) => number): [Record<"supplier", string>, number][] {
  const out = new Map<string, number>();
  for (const x of rows) out.set(s.slugOf(x.supplierId), (out.get(s.slugOf(x.supplierId)) ?? 0) + n(x));
  return [...out].map(([supplier, v]) => [{ supplier }, v]);
}

function callLabels(s: Snapshot, c: { supplierId: string; operation: string; ok: boolean }) {
  return { supplier: s.slugOf(c.supplierId), operation: c.operation, outcome: c.ok ? "ok" : "error" };
}

function syncCounts(s: Snapshot, status: string): [Record<"supplier" | "type", string>, number][] {
  return byLabels(
    s.syncs.filter((x) => x.status === status),
    (x) => ({ supplier: s.slugOf(x.supplierId), type: x.type }),
  ).map((g) => [g.labels, g.rows.reduce((a, x) => a + x.n, 0)]);
}
