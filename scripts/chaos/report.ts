// What the chaos run measured: read from the database (plain pg, one short
// connection per look, so the chaos process holds no pool), the simulator's
// state and the mail catcher, and printed as a table plus one JSON line.
import pg from "pg";
import type { CaughtMessage } from "../../dev/mail-catcher/mail-catcher";
import type { PhoneXSimulatorState } from "../../dev/simulators/phonex";
import type { LoadResult } from "./load";

const TERMINAL = new Set(["delivered", "rejected", "canceled", "failed"]);
/** PhoneX's words for our supplier-order statuses (lib/suppliers/phonex/map.ts). */
const FROM_PHONEX: Record<string, string> = {
  received: "submitted",
  accepted: "accepted",
  rejected: "rejected",
  processing: "processing",
  shipped: "shipped",
  delivered: "delivered",
  canceled: "canceled",
};

type Row = Record<string, unknown>;

async function query<T extends Row>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, statement_timeout: 30_000 });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export type DbState = {
  orders: { id: string; status: string; reference: string | null }[];
  supplierOrders: { id: string; orderId: string; reference: string; status: string; attempts: number }[];
  notifications: { id: string; idempotencyKey: string; type: string; status: string; interrupted: number }[];
  webhookOutcomes: Record<string, number>;
  /** Outbox rows whose work is not done: by status (open, dead) where rows carry one, else "not dispatched". */
  outbox: Record<string, number>;
  orderEvents: number;
};

export async function readDbState(url: string): Promise<DbState> {
  // Rows of the outbox live until their work is done where they have a status (durable work);
  // before that they were gone from view once handed to Redis (dispatchedAt set).
  const outboxColumns = await query<{ column_name: string }>(url, `SELECT column_name FROM information_schema.columns WHERE table_name = 'OutboxMessage'`);
  const outboxSql = outboxColumns.some((c) => c.column_name === "status")
    ? `SELECT status AS k, count(*)::int AS n FROM "OutboxMessage" WHERE status <> 'done' GROUP BY 1`
    : `SELECT 'not dispatched' AS k, count(*)::int AS n FROM "OutboxMessage" WHERE "dispatchedAt" IS NULL HAVING count(*) > 0`;
  const [orders, supplierOrders, notifications, webhooks, outbox, events] = await Promise.all([
    query<DbState["orders"][number]>(url, `SELECT id, status::text AS status, reference FROM "Order"`),
    query<DbState["supplierOrders"][number]>(url, `SELECT id, "orderId", reference, status::text AS status, attempts FROM "SupplierOrder"`),
    query<DbState["notifications"][number]>(url, `SELECT id, "idempotencyKey", type, status, "interrupted" FROM "Notification"`),
    query<{ outcome: string; n: number }>(url, `SELECT outcome, count(*)::int AS n FROM "WebhookEvent" GROUP BY 1`),
    query<{ k: string; n: number }>(url, outboxSql),
    query<{ n: number }>(url, `SELECT count(*)::int AS n FROM "OrderEvent"`),
  ]);
  return {
    orders,
    supplierOrders,
    notifications,
    webhookOutcomes: Object.fromEntries(webhooks.map((w) => [w.outcome, w.n])),
    outbox: Object.fromEntries(outbox.map((o) => [o.k, o.n])),
    orderEvents: events[0]?.n ?? 0,
  };
}

export const countBy = <T>(xs: T[], key: (x: T) => string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
};

/** What settling watches: when none of this changes for a while, the system has stopped moving. */
export function fingerprint(s: DbState, mails: number, sim: PhoneXSimulatorState): string {
  return JSON.stringify({
    o: countBy(s.orders, (o) => o.status),
    so: countBy(s.supplierOrders, (o) => `${o.status}:${o.attempts}`),
    n: countBy(s.notifications, (n) => n.status),
    n2: s.notifications.length,
    w: s.webhookOutcomes,
    ob: s.outbox,
    e: s.orderEvents,
    m: mails,
    sim: countBy([...sim.orders.values()], (o) => o.status),
    calls: sim.stats.createCalls,
  });
}

/** Nothing left to happen: every order final, nothing pending anywhere, PhoneX done too. */
export function complete(s: DbState, sim: PhoneXSimulatorState): boolean {
  return (
    s.orders.every((o) => TERMINAL.has(o.status)) &&
    s.supplierOrders.every((o) => TERMINAL.has(o.status)) &&
    s.notifications.every((n) => n.status === "sent" || n.status === "failed") &&
    !s.webhookOutcomes.pending &&
    !s.outbox.open &&
    !s.outbox["not dispatched"] &&
    [...sim.orders.values()].every((o) => ["delivered", "rejected", "canceled"].includes(o.status))
  );
}

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
}

export type FaultLog = {
  kills: { at: number; worker: string }[];
  workerUnexpectedExits: { at: number; worker: string; code: number | null; signal: string | null }[];
  appUnexpectedExits: { at: number; code: number | null; signal: string | null }[];
  redisRestarts: { at: number; downMs: number }[];
  pgRestarts: { at: number; downMs: number }[];
  faultWindowMs: number;
};

export type WebhookLog = { attempts: number; ok: number; duplicatesSent: number; gaveUp: number; acks: { ms: number; status: number | null }[] };

export type ChaosInputs = {
  meta: Record<string, unknown>;
  load: LoadResult;
  db: DbState;
  sim: PhoneXSimulatorState;
  mails: CaughtMessage[];
  faults: FaultLog;
  webhooks: WebhookLog;
  settle: { reason: "complete" | "quiet" | "timeout"; seconds: number };
};

export function buildReport(x: ChaosInputs) {
  const { load, db, sim } = x;
  const runRefs = new Set(load.placed.map((p) => p.reference));
  const dbIds = new Set(db.orders.map((o) => o.id));
  const lost = load.placed.filter((p) => !dbIds.has(p.id));
  const byRef = countBy(
    db.orders.filter((o) => o.reference),
    (o) => o.reference!,
  );
  const duplicateOrders = Object.values(byRef).reduce((n, c) => n + Math.max(0, c - 1), 0);
  const unacknowledged = db.orders.filter((o) => o.reference && !runRefs.has(o.reference));

  // PhoneX: created more than once for one of our supplier orders?
  const simOrders = [...sim.orders.values()];
  const keyedTwice = [...sim.createdByKey.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
  const perSupplierOrder = countBy(simOrders, (o) => o.idempotency_key);
  const soByRef = new Map(db.supplierOrders.map((s) => [s.reference, s]));
  const soIds = new Set(db.supplierOrders.map((s) => s.id));
  const simByRef = new Map(simOrders.map((o) => [o.order_id, o]));
  const createdTwice = Object.values(perSupplierOrder).reduce((n, c) => n + Math.max(0, c - 1), 0);
  const phantom = simOrders.filter((o) => {
    const so = soByRef.get(o.order_id);
    return !so || !soIds.has(o.idempotency_key) || so.status === "pending" || so.status === "failed";
  });
  const notAtPhoneX = db.supplierOrders.filter((s) => !["pending", "failed"].includes(s.status) && !simByRef.has(s.reference));
  const diverged = db.supplierOrders.filter((s) => {
    const o = simByRef.get(s.reference);
    return o && s.status !== "pending" && s.status !== "failed" && FROM_PHONEX[o.status] !== s.status;
  });

  // Email: every Notification row is meant to be sent; did its message arrive, and once?
  const byNotification = countBy(x.mails, (m) => m.headers["x-portal-notification-id"] ?? "(none)");
  const byMessageId = countBy(x.mails, (m) => m.messageId ?? "(none)");
  const missing = db.notifications.filter((n) => !byNotification[n.id]);
  const notificationIds = new Set(db.notifications.map((n) => n.id));
  const strays = x.mails.filter((m) => !notificationIds.has(m.headers["x-portal-notification-id"] ?? ""));
  const extraCopies = Object.values(byMessageId).reduce((n, c) => n + Math.max(0, c - 1), 0);
  const duplicatedMessageIds = Object.values(byMessageId).filter((c) => c > 1).length;
  // A duplicate is expected only where a send was cut between the server's acceptance and our
  // sent mark, and the next attempt saw the expired claim (Notification.interrupted > 0).
  const duplicatedRows = db.notifications.filter((n) => (byNotification[n.id] ?? 0) > 1);
  const unexplainedDuplicates = duplicatedRows.filter((n) => !(n.interrupted > 0)).length;
  const interruptedSends = db.notifications.reduce((a, n) => a + (n.interrupted > 0 ? 1 : 0), 0);

  const ordersByStatus = countBy(db.orders, (o) => o.status);
  const soByStatus = countBy(db.supplierOrders, (s) => s.status);
  const notificationsByStatus = countBy(db.notifications, (n) => n.status);
  const notFinal = db.orders.filter((o) => !TERMINAL.has(o.status));
  // API calls that overlapped an outage (from the stop until a second after the service was back), and the others.
  const outages = [
    ...x.faults.redisRestarts.map((r) => ({ what: "redisDown", from: r.at, to: r.at + r.downMs + 1000 })),
    ...x.faults.pgRestarts.map((r) => ({ what: "postgresDown", from: r.at, to: r.at + r.downMs + 1000 })),
  ];
  const answersByPhase: Record<string, Record<string, number>> = {};
  for (const a of load.timeline) {
    const phase = outages.find((o) => a.from <= o.to && a.to >= o.from)?.what ?? "otherwise";
    const bucket = (answersByPhase[phase] ??= {});
    bucket[a.status] = (bucket[a.status] ?? 0) + 1;
  }
  const acksOk = x.webhooks.acks.filter((a) => a.status !== null && a.status >= 200 && a.status < 300).map((a) => a.ms);

  return {
    meta: { ...x.meta, settled: x.settle.reason, settleSeconds: Math.round(x.settle.seconds) } as Record<string, unknown> & {
      settled: string;
      settleSeconds: number;
    },
    faults: {
      workerKills: x.faults.kills.length,
      workerKillsBy: countBy(x.faults.kills, (k) => k.worker),
      workerUnexpectedExits: x.faults.workerUnexpectedExits.length,
      appUnexpectedExits: x.faults.appUnexpectedExits.length,
      redisRestarts: x.faults.redisRestarts.map((r) => ({ atS: +(r.at / 1000).toFixed(1), downMs: r.downMs })),
      pgRestarts: x.faults.pgRestarts.map((r) => ({ atS: +(r.at / 1000).toFixed(1), downMs: r.downMs })),
      faultWindowS: +(x.faults.faultWindowMs / 1000).toFixed(1),
    },
    api: {
      attempted: load.sent,
      placed201: load.placed.length,
      gaveUp: load.gaveUp.length,
      gaveUpLast: countBy(load.gaveUp, (g) => g.last),
      calls: load.calls,
      answers: load.answers,
      answersByPhase,
      http500: load.answers["500"] ?? 0,
      http503: load.answers["503"] ?? 0,
      noAnswer: (load.answers.timeout ?? 0) + (load.answers.network ?? 0),
      idempotentReplays: load.replays,
      latencyMs: { p50: percentile(load.latenciesMs, 50), p95: percentile(load.latenciesMs, 95), p99: percentile(load.latenciesMs, 99) },
      placingSeconds: +load.seconds.toFixed(1),
    },
    correctness: {
      lost: lost.length,
      lostIds: lost.slice(0, 10).map((l) => l.id),
      duplicateOrdersInDb: duplicateOrders,
      ordersWithout201: unacknowledged.length,
      phonexDuplicated: keyedTwice + createdTwice,
      phonexOrphans: phantom.length,
      acknowledgedButNotAtPhoneX: notAtPhoneX.length,
      statusDivergedFromPhoneX: diverged.length,
    },
    stuck: {
      ordersPending: ordersByStatus.pending ?? 0,
      ordersNotFinal: notFinal.length,
      ordersNotFinalByStatus: countBy(notFinal, (o) => o.status),
      supplierOrdersPending: soByStatus.pending ?? 0,
      notificationsNotSent: db.notifications.filter((n) => n.status !== "sent").length,
      notificationsNotSentByStatus: countBy(
        db.notifications.filter((n) => n.status !== "sent"),
        (n) => n.status,
      ),
      webhookEventsPending: db.webhookOutcomes.pending ?? 0,
      outboxNotDone: Object.values(db.outbox).reduce((a, b) => a + b, 0),
      outboxNotDoneByStatus: db.outbox,
      // A few ids to start a post-mortem from (the child logs are kept).
      sampleOrderIds: notFinal.slice(0, 10).map((o) => o.id),
      sampleNotificationIds: missing.slice(0, 10).map((n) => n.id),
    },
    email: {
      notifications: db.notifications.length,
      delivered: x.mails.length,
      missing: missing.length,
      missingByStatus: countBy(missing, (n) => n.status),
      missingMarkedSent: missing.filter((n) => n.status === "sent").length,
      deliveredNotMarkedSent: db.notifications.filter((n) => n.status !== "sent" && byNotification[n.id]).length,
      duplicatedExtraCopies: extraCopies,
      duplicatedMessageIds,
      interruptedSends,
      unexplainedDuplicates,
      withoutNotificationRow: strays.length,
    },
    phonex: {
      createCalls: sim.stats.createCalls,
      replays: sim.stats.replays,
      simulatedFailures: sim.stats.simulatedFailures,
      lateAnswers: sim.stats.slowAnswers,
      orders: simOrders.length,
      ordersByStatus: countBy(simOrders, (o) => o.status),
    },
    webhooks: {
      deliveries: x.webhooks.attempts,
      acked2xx: x.webhooks.ok,
      duplicatesSent: x.webhooks.duplicatesSent,
      gaveUp: x.webhooks.gaveUp,
      events: db.webhookOutcomes,
      ackLatencyMs: { p50: percentile(acksOk, 50), p95: percentile(acksOk, 95), p99: percentile(acksOk, 99) },
    },
    ordersByStatus,
    supplierOrdersByStatus: soByStatus,
    notificationsByStatus,
  };
}

export type ChaosReport = ReturnType<typeof buildReport>;

const fmtCounts = (c: Record<string, number>) =>
  Object.keys(c).length
    ? Object.entries(c)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")
    : "–";
const ms = (v: number | null) => (v === null ? "–" : `${v} ms`);

export function printReport(r: ChaosReport) {
  const rows: [string, string | number, string?][] = [];
  const section = (title: string) => rows.push([`\u0000${title}`, ""]);
  const row = (label: string, value: string | number, note?: string) => rows.push([label, value, note]);

  section("Faults injected");
  row("worker SIGKILLs", r.faults.workerKills, fmtCounts(r.faults.workerKillsBy));
  row("worker exits we did not cause", r.faults.workerUnexpectedExits, "restarted");
  row("app exits we did not cause", r.faults.appUnexpectedExits, "restarted");
  row("Redis restarts (data lost)", r.faults.redisRestarts.length, r.faults.redisRestarts.map((x) => `at +${x.atS}s, down ${x.downMs} ms`).join("; "));
  row("Postgres restarts", r.faults.pgRestarts.length, r.faults.pgRestarts.map((x) => `at +${x.atS}s, down ${x.downMs} ms`).join("; "));
  row("fault window", `${r.faults.faultWindowS} s`);
  row(
    "PhoneX create calls",
    r.phonex.createCalls,
    `500s ${r.phonex.simulatedFailures} (before + after create), late ${r.phonex.lateAnswers}, replays ${r.phonex.replays}`,
  );
  row(
    "PhoneX webhook deliveries",
    r.webhooks.deliveries,
    `2xx ${r.webhooks.acked2xx}, duplicates sent ${r.webhooks.duplicatesSent}, given up ${r.webhooks.gaveUp}`,
  );

  section("API: POST /api/orders");
  row("orders attempted", r.api.attempted, `${r.api.calls} calls in all (client retries, same Idempotency-Key)`);
  row("orders placed (201)", r.api.placed201, `${r.api.idempotentReplays} of them replayed`);
  row("orders the client gave up on", r.api.gaveUp, fmtCounts(r.api.gaveUpLast));
  row("answers by status", fmtCounts(r.api.answers));
  for (const [phase, counts] of Object.entries(r.api.answersByPhase)) {
    row(
      `  ${{ redisDown: "calls overlapping Redis down", postgresDown: "calls overlapping Postgres down", otherwise: "other calls" }[phase] ?? phase}`,
      fmtCounts(counts),
    );
  }
  row("500 answers", r.api.http500);
  row("503 answers", r.api.http503);
  row("no answer (timeout / network)", r.api.noAnswer);
  row("API latency", `p50 ${ms(r.api.latencyMs.p50)}`, `p95 ${ms(r.api.latencyMs.p95)}, p99 ${ms(r.api.latencyMs.p99)}`);

  section("Correctness");
  row("lost (201, not in the DB)", r.correctness.lost);
  row("duplicate orders in the DB", r.correctness.duplicateOrdersInDb, "same reference/Idempotency-Key more than once");
  row("orders in the DB without a 201", r.correctness.ordersWithout201, "the client never got an answer");
  row("duplicated at PhoneX", r.correctness.phonexDuplicated, "one supplier order created more than once");
  row("PhoneX orders we do not know of", r.correctness.phonexOrphans, "our supplier order pending/failed/missing");
  row("forwarded but not at PhoneX", r.correctness.acknowledgedButNotAtPhoneX);
  row("status differs from PhoneX", r.correctness.statusDivergedFromPhoneX, "supplier orders whose status we never caught up with");

  section("Stuck at the end");
  row("orders pending", r.stuck.ordersPending, "never reached PhoneX");
  row("orders not final", r.stuck.ordersNotFinal, fmtCounts(r.stuck.ordersNotFinalByStatus));
  row("supplier orders pending", r.stuck.supplierOrdersPending);
  row("notifications not sent", r.stuck.notificationsNotSent, fmtCounts(r.stuck.notificationsNotSentByStatus));
  row("webhook events not processed", r.stuck.webhookEventsPending);
  row("outbox rows not done", r.stuck.outboxNotDone, fmtCounts(r.stuck.outboxNotDoneByStatus));

  section("Email");
  row("notifications (rows)", r.email.notifications);
  row("messages delivered", r.email.delivered);
  row("missing", r.email.missing, `${fmtCounts(r.email.missingByStatus)}${r.email.missingMarkedSent ? ` — ${r.email.missingMarkedSent} marked sent!` : ""}`);
  row("delivered, row not marked sent", r.email.deliveredNotMarkedSent, "the mail went out; the row still says otherwise");
  row("duplicated (extra copies)", r.email.duplicatedExtraCopies, `${r.email.duplicatedMessageIds} Message-IDs delivered more than once`);
  row("sends cut after claim", r.email.interruptedSends, "claims found expired: the next attempt resent with the same Message-ID");
  row("duplicates not so explained", r.email.unexplainedDuplicates, "should be 0");
  row("messages without a row", r.email.withoutNotificationRow);

  section("Final state");
  row("orders by status", fmtCounts(r.ordersByStatus));
  row("supplier orders by status", fmtCounts(r.supplierOrdersByStatus));
  row("PhoneX orders by status", fmtCounts(r.phonex.ordersByStatus));
  row("webhook events by outcome", fmtCounts(r.webhooks.events));
  row("webhook ack latency", `p50 ${ms(r.webhooks.ackLatencyMs.p50)}`, `p95 ${ms(r.webhooks.ackLatencyMs.p95)}, p99 ${ms(r.webhooks.ackLatencyMs.p99)}`);
  row("settled", `${r.meta.settled}`, `after ${r.meta.settleSeconds} s of settling`);

  const width = Math.max(...rows.filter(([l]) => !l.startsWith("\u0000")).map(([l]) => l.length)) + 2;
  const valueWidth = Math.min(28, Math.max(...rows.map(([, v]) => String(v).length)) + 2);
  const out: string[] = [];
  for (const [label, value, note] of rows) {
    if (label.startsWith("\u0000")) {
      out.push("", process.stdout.isTTY ? `\u001b[1m${label.slice(1)}\u001b[0m` : label.slice(1));
      continue;
    }
    const v = String(value);
    out.push(`  ${label.padEnd(width)}${v.length > valueWidth - 2 ? v : v.padStart(valueWidth - 2)}${note ? `   ${note}` : ""}`);
  }
  console.log(out.join("\n"));
}
