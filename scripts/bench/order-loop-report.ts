// What `npm run bench orders` prints: every figure as median [min–max] over the runs, beside its
// ceiling from the same runs.
import { table, type Figures } from "./figures";
import type { Knobs, SoakRow } from "./order-loop";
import type { CallShape } from "./capture-intake";

const shapeText = (s: CallShape | undefined) => (s ? `${s.ordersPerCall.toFixed(1)} orders a call, ${s.inFlight.toFixed(1)} calls at once` : "");

export function printOrderLoop(
  F: Figures,
  k: Knobs,
  extra: {
    captured: string;
    shapes: Map<string, CallShape>;
    loadBefore: string;
    loadAfter: string;
    soak: SoakRow[];
    soakStopped: string | null;
    helperStats: { emails: number; supplierOrders: number };
  },
) {
  const runs = k.runs === 1 ? "1 run" : `${k.runs} runs: median [min–max]`;
  const out: string[] = [];
  const say = (s = "") => out.push(s);
  say(`\nOrder loop (production build, this machine: 2 cores shared with whatever else runs; ${runs})`);
  say(`  load average before ${extra.loadBefore}, after ${extra.loadAfter}`);
  say(`  client: node:http keep-alive Agent in its own process; PhoneX simulator + mail catcher in another; CPU of each from /proc`);
  say(`  raw SQL ceiling: ${extra.captured}, the route's own write captured and replayed through node-postgres on a copy of the database`);

  for (const c of k.concurrency) {
    say(`\nIntake, ${c} clients (closed loop)`);
    const row = (label: string, key: string, pct: string | null, client = "client") => [
      label,
      F.cell(`${key}.rps`),
      pct === null ? "" : F.cell(pct, 1, " %"),
      F.cell(`${key}.p50`, 1),
      F.cell(`${key}.p95`, 1),
      F.cell(`${key}.p99`, 1),
      F.cell(`${key}.cpu.web`, 2),
      F.cell(`${key}.cpu.worker`, 2),
      F.cell(`${key}.cpu.${client}`, 3),
      F.cell(`${key}.cpu.pg`, 2),
    ];
    say(
      table(
        ["", "req/s", "of ping", "p50 ms", "p95 ms", "p99 ms", "CPU ms/req: web", "worker", "client", "postgres"],
        [
          row("GET  /api/ping (empty route)", `ping.${c}`, null),
          row("POST /api/orders", `order.${c}`, `order.${c}.pctPing`),
          ...(F.has(`raw.${c}.rps`) ? [row(`raw SQL write as the route sends it`, `raw.${c}`, `raw.${c}.pctPing`, "raw")] : []),
          row(`raw SQL write, 1 order a call, ${c} conns`, `raw1.${c}`, `raw1.${c}.pctPing`, "raw"),
          row("POST /api/webhooks/phonex", `webhook.${c}`, `webhook.${c}.pctPing`),
        ],
      ),
    );
    say(
      `  POST /api/orders: ${F.cell(`order.${c}.pctPing`, 1, " %")} of the empty route, ` +
        (F.has(`raw.${c}.rps`) ? `${F.cell(`order.${c}.pctRaw`, 1, " %")} of the raw write as the route sends it, ` : "") +
        `${F.cell(`order.${c}.pctRaw1`, 1, " %")} of the raw write one order a call; ` +
        `web CPU per order ${F.cell(`order.${c}.cpuVsPing`, 1, "×")} per ping; webhooks ${F.cell(`webhook.${c}.cpuVsPing`, 1, "×")} per ping`,
    );
    if (extra.shapes.has(String(c))) say(`  the route's write at ${c} clients (seen while capturing): ${shapeText(extra.shapes.get(String(c)))}`);
    say(
      `  TCP connections the client opened: ping ${F.cell(`ping.${c}.connections`)}, orders ${F.cell(`order.${c}.connections`)}, webhooks ${F.cell(`webhook.${c}.connections`)} (keep-alive)`,
    );
    say(`  (worker column: what the worker spent while the phase ran, per request; client column of the raw rows: the node-postgres process)`);
  }

  say(`\nPOST /api/orders/batch (${Math.min(k.batchSize, k.batchOrders)} orders a request, 2 requests at a time, ${k.batchOrders} orders)`);
  say(
    `  ${F.cell("batch.rps")} orders/s (target ≥ 1,300)   = ${F.cell("batch.vsSingle", 1, "×")} single POSTs at ${k.concurrency.at(-1)} clients` +
      (F.has("rawBatch.rps") ? "" : `, ${F.cell("batch.pctRaw", 1, " %")} of the raw SQL write at ${k.concurrency.at(-1)}`) +
      `   p50 ${F.cell("batch.p50")} ms p99 ${F.cell("batch.p99")} ms a request`,
  );
  if (F.has("rawBatch.rps")) {
    say(
      `  raw SQL write as the batch endpoint sends it (${shapeText(extra.shapes.get("batch"))}): ${F.cell("rawBatch.rps")} orders/s (postgres ${F.cell("rawBatch.cpu.pg", 2)} ms CPU per order); ` +
        `the batch endpoint = ${F.cell("batch.pctRawBatch", 1, " %")} of it`,
    );
  }
  say(
    `  CPU ms per order: web ${F.cell("batch.cpu.web", 2)}   worker ${F.cell("batch.cpu.worker", 2)} (during intake)   client ${F.cell("batch.cpu.client", 3)}   postgres ${F.cell("batch.cpu.pg", 2)}`,
  );

  say(`\nEnd to end: accepted → supplier acknowledged (SupplierOrder.submittedAt) → done (and both order_placed emails sent)`);
  const e2e = (label: string, key: string) => [
    label,
    F.cell(`${key}.ack.p50`),
    F.cell(`${key}.ack.p99`),
    F.cell(`${key}.done.p50`),
    F.cell(`${key}.done.p99`),
    F.cell(`${key}.drainRate`),
    F.cell(`${key}.cpu.worker`, 2),
    F.cell(`${key}.cpu.helpers`, 2),
    F.cell(`${key}.notDone`),
  ];
  say(
    table(
      ["", "ack p50 ms", "ack p99 ms", "done p50 ms", "done p99 ms", "done/s", "CPU ms/order: worker", "helpers", "not done"],
      [
        e2e(`quiet, one order at a time (${k.quietOrders})`, "quiet"),
        ...k.concurrency.map((c) => e2e(`behind a burst of ${k.orders} orders, ${c} clients`, `burst.${c}`)),
      ],
    ),
  );
  say(`  target: ack p99 < 1,000 ms behind a burst of 1,000. done/s: orders done per second from the burst's first acceptance to its last done`);
  say(
    `  after the batch phase, web idle: the worker alone finished ${F.cell("batch.drainRate")} orders/s (worker CPU ${F.cell("batchDrain.cpu.worker", 2)} ms per order, intake included)`,
  );
  say(
    `  sustained, ${k.sustainSeconds} s fed through /api/orders/batch (${k.sustainBatch} a request, ≈ ${k.sustainOutstanding} outstanding), web and worker on this machine:`,
  );
  say(
    `    ${F.cell("sustained.rps")} orders/s done (target ≥ 200)   accepted ${F.cell("sustained.acceptedRps")} orders/s   = ${F.cell("sustained.jobsPerSec")} worker jobs/s ` +
      `(forward + ${F.median("emailsPerOrder") ?? "?"} emails per order)`,
  );
  say(
    `    CPU ms per order done: web ${F.cell("sustained.cpu.web", 2)}   worker ${F.cell("sustained.cpu.worker", 2)} (${F.cell("sustained.workerCpuPerJob", 2)} per job)   ` +
      `helpers ${F.cell("sustained.cpu.helpers", 2)}   client ${F.cell("sustained.cpu.client", 3)}   postgres ${F.cell("sustained.cpu.pg", 2)}`,
  );
  say(
    `  BullMQ no-op ceiling (own process, same Redis, concurrency ${F.median("noop.concurrency") ?? "?"}): ${F.cell("noop.jobsPerSec")} jobs/s at ${F.cell("noop.cpuMsPerJob", 3)} ms CPU per job` +
      ` (adding: ${F.cell("noop.addPerSec")} jobs/s at ${F.cell("noop.addCpuMsPerJob", 3)} ms)`,
  );
  say(
    `    the worker's sustained jobs/s = ${F.cell("sustained.pctNoop", 1, " %")} of it; its CPU per job = ${F.cell("sustained.cpuVsNoop", 1, "×")} the no-op's`,
  );

  say(`\nWebhook ack at a steady ${k.webhookRate}/s for ${k.steadySeconds} s (open loop) while the worker applies the webhooks before`);
  say(
    `  p50 ${F.cell("steady.p50", 1)} ms   p95 ${F.cell("steady.p95", 1)} ms   p99 ${F.cell("steady.p99", 1)} ms (target p99 < 100 ms)   ` +
      `worker backlog: ${F.cell("steady.backlogBefore")} open jobs before, ${F.cell("steady.backlogAfter")} after; all applied ${F.cell("webhook.drainSeconds", 1)} s later`,
  );

  say(`\nResources at the end of each run`);
  say(
    `  RSS MB: web ${F.cell("rss.web")}   worker ${F.cell("rss.worker")}   client ${F.cell("rss.client")}   helpers ${F.cell("rss.helpers")}   load average (1 min) ${F.cell("load1", 2)}`,
  );
  say(`  the helpers received ${extra.helperStats.emails} emails and ${extra.helperStats.supplierOrders} supplier orders in all`);

  if (extra.soak.length) {
    say(`\nSoak: ${k.soakOrders} orders through /api/orders/batch (${k.batchSize} a request, 2 at a time), worker stopped; after each chunk`);
    say(`  ${k.soakProbes} single POST /api/orders probes at ${k.soakProbeClients} clients:`);
    say(
      table(
        ["orders sent", "orders in db", "batch orders/s", "web CPU ms/order", "probe req/s", "probe p50 ms", "probe p99 ms", "web RSS MB"],
        extra.soak.map((s) => [
          String(s.sent),
          String(s.placed),
          s.batchRps.toFixed(0),
          s.batchWebCpuMs.toFixed(2),
          s.probe.rps.toFixed(0),
          s.probe.p50.toFixed(1),
          s.probe.p99.toFixed(1),
          String(s.webRssMb),
        ]),
      ),
    );
    if (extra.soakStopped) say(`  ${extra.soakStopped}`);
  }

  if (F.errors.size) {
    say(`\nFailed requests (not what the phase expects), by phase:`);
    for (const [phase, errs] of F.errors) say(`  ${phase}: ${JSON.stringify(errs)}`);
  }
  console.log(out.join("\n"));
}
