import "server-only";
import { db } from "../db/client";
import { getQueue } from "../queue/connection";
import { QUEUES } from "../queue/names";
import { breaker } from "../suppliers/resilience/guard";

/**
 * Prometheus text for GET /api/metrics. Everything is read from Postgres and
 * Redis at scrape time, so every app instance reports the same fleet-wide
 * figures (no per-process counters to add up).
 */
export async function collectMetrics(): Promise<string> {
  const out: string[] = [];
  const metric = (name: string, help: string, type: "gauge" | "counter", rows: [Record<string, string>, number][]) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of rows) {
      const l = Object.entries(labels)
        .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, "_")}"`)
        .join(",");
      out.push(`${name}${l ? `{${l}}` : ""} ${value}`);
    }
  };

  const [orders, sos, webhooks, notes, calls, suppliers] = await Promise.all([
    db.order.groupBy({ by: ["status"], _count: { _all: true } }),
    db.$queryRaw<
      { slug: string; status: string; n: bigint }[]
    >`SELECT s."slug", so."status"::text, COUNT(*) AS n FROM "SupplierOrder" so JOIN "Supplier" s ON s."id" = so."supplierId" GROUP BY 1, 2`,
    db.$queryRaw<
      { source: string; outcome: string; n: bigint }[]
    >`SELECT "source", "outcome", COUNT(*) AS n FROM "WebhookEvent" WHERE "receivedAt" > now() - interval '24 hours' GROUP BY 1, 2`,
    db.notification.groupBy({ by: ["status"], _count: { _all: true } }),
    db.$queryRaw<{ slug: string; ok: boolean; n: bigint; p95: number | null }[]>`
      SELECT s."slug", c."ok", COUNT(*) AS n, percentile_cont(0.95) WITHIN GROUP (ORDER BY c."durationMs") AS p95
        FROM "SupplierCall" c JOIN "Supplier" s ON s."id" = c."supplierId"
       WHERE c."createdAt" > now() - interval '5 minutes' GROUP BY 1, 2`,
    db.supplier.findMany({ select: { id: true, slug: true } }),
  ]);
  metric(
    "portal_orders",
    "Orders by status",
    "gauge",
    orders.map((o) => [{ status: o.status }, o._count._all]),
  );
  metric(
    "portal_supplier_orders",
    "Supplier orders by supplier and status",
    "gauge",
    sos.map((r) => [{ supplier: r.slug, status: r.status }, Number(r.n)]),
  );
  metric(
    "portal_webhooks_24h",
    "Inbound webhooks in the last 24 h by outcome",
    "gauge",
    webhooks.map((r) => [{ source: r.source, outcome: r.outcome }, Number(r.n)]),
  );
  metric(
    "portal_notifications",
    "Emails by status",
    "gauge",
    notes.map((n) => [{ status: n.status }, n._count._all]),
  );
  metric(
    "portal_supplier_calls_5m",
    "Supplier calls in the last 5 minutes",
    "gauge",
    calls.map((c) => [{ supplier: c.slug, ok: String(c.ok) }, Number(c.n)]),
  );
  metric(
    "portal_supplier_call_p95_ms_5m",
    "p95 supplier call latency, last 5 minutes",
    "gauge",
    calls.filter((c) => c.ok).map((c) => [{ supplier: c.slug }, Math.round(c.p95 ?? 0)]),
  );
  const [work, interrupted] = await Promise.all([
    db.$queryRaw<{ queue: string; status: string; n: bigint; overdue: bigint }[]>`
      SELECT "queue", "status", COUNT(*) AS n, COUNT(*) FILTER (WHERE "status" = 'open' AND "createdAt" < now() - interval '1 minute' AND ("claimedUntil" IS NULL OR "claimedUntil" < now())) AS overdue
        FROM "OutboxMessage" WHERE "status" <> 'done' GROUP BY 1, 2`,
    db.notification.aggregate({ _sum: { interrupted: true } }),
  ]);
  metric(
    "portal_jobs",
    "Jobs recorded in Postgres that are not done, by queue and status (open, dead)",
    "gauge",
    work.map((r) => [{ queue: r.queue, status: r.status }, Number(r.n)]),
  );
  metric(
    "portal_jobs_overdue",
    "Open jobs older than a minute with no worker on them",
    "gauge",
    work.filter((r) => r.status === "open").map((r) => [{ queue: r.queue }, Number(r.overdue)]),
  );
  metric("portal_email_sends_interrupted_total", "Email sends whose claim expired mid-send and were sent again with the same Message-ID", "counter", [
    [{}, interrupted._sum.interrupted ?? 0],
  ]);
  const states = await Promise.all(suppliers.map(async (s) => [s.slug, (await breaker().status(s.id)).state] as const));
  metric(
    "portal_supplier_circuit_open",
    "1 when the supplier's circuit is open or half-open",
    "gauge",
    states.map(([slug, st]) => [{ supplier: slug, state: st }, st === "closed" ? 0 : 1]),
  );
  const queues = await Promise.all(
    Object.values(QUEUES).map(async (q) => [q, await getQueue(q).getJobCounts("waiting", "active", "delayed", "failed")] as const),
  );
  metric(
    "portal_queue_jobs",
    "Jobs per queue and state",
    "gauge",
    queues.flatMap(([q, c]) => Object.entries(c).map(([state, n]) => [{ queue: q, state }, n] as [Record<string, string>, number])),
  );
  return out.join("\n") + "\n";
}
