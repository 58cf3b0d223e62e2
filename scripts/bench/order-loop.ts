// `npm run bench orders` (part of `npm run bench`): the order loop on a production build
// (`next start` on .next-bench, the worker from workers/index.ts), on a throwaway database and
// Redis db. Nothing is asserted; every figure is printed beside its ceiling from the same run.
//
// Processes, each measured from /proc (CPU ms per request, RSS):
//   web (next start) · worker · load client (scripts/bench/load-client.ts: node:http keep-alive,
//   no fetch) · helpers (PhoneX simulator + mail catcher) · raw SQL (the intake statement through
//   node-postgres, on a copy of the database) · BullMQ no-op (queue + worker that do nothing) ·
//   the Postgres backends serving the bench. This process only orchestrates and polls.
//
// Each run (BENCH_RUNS times; medians [min–max] printed):
//   - quiet forwarding: one order at a time, accepted → supplier acknowledged and → both emails sent
//   - for each concurrency in BENCH_CONCURRENCY: GET /api/ping (the empty route: the ceiling),
//     BENCH_ORDERS single POST /api/orders (req/s as % of ping, p50/p99, CPU ms per order of web,
//     worker, client, Postgres), then the worker's latency behind that burst (accepted →
//     SupplierOrder.submittedAt; → both order_placed Notifications sent) and its drain rate, then
//     the same write statement in raw SQL (portal_place_order*, captured from the app, see
//     capture-intake.ts): as the route sent it at that load (orders a call, calls at once, seen
//     while capturing) and one order a call from as many connections; then BENCH_WEBHOOKS
//     POST /api/webhooks/phonex
//   - webhook ack at a steady BENCH_WEBHOOK_RATE/s (open loop) while the worker applies the ones before
//   - BullMQ no-op: jobs/s and CPU ms per job at WORKER_CONCURRENCY, beside the worker's jobs/s
//   - POST /api/orders/batch: BENCH_BATCH_ORDERS in requests of 500, 2 at a time (orders/s)
//   - sustained end to end: BENCH_SUSTAIN_SECONDS of orders fed through the batch endpoint, kept at
//     about 400 outstanding, counting orders fully done (acknowledged and both emails sent) per second
// Then, once: the soak, BENCH_SOAK_ORDERS orders through the batch endpoint in chunks of 10,000
// with the worker stopped (intake alone as the tables grow); per chunk the batch orders/s, the
// latency of 300 single-order probes (8 clients) and the web RSS. 0 skips it; no chunk starts
// after BENCH_SOAK_SECONDS.
//
// Knobs: BENCH_RUNS (3), BENCH_ORDERS (1000), BENCH_CONCURRENCY ("32,50"), BENCH_PINGS (2000),
// BENCH_WEBHOOKS (500 per concurrency), BENCH_WEBHOOK_RATE (100), BENCH_BATCH_ORDERS (1000),
// BENCH_SUSTAIN_SECONDS (20), BENCH_PHASES (quiet,intake,webhooks,noop,batch,sustained: the ones to run), BENCH_SOAK_ORDERS (100000; 0 skips), BENCH_SOAK_SECONDS (360),
// BENCH_SKIP_BUILD=1 (reuse .next-bench when it exists), BENCH_WORKER_PROFILE=<dir> (V8 CPU
// profile of the worker), BENCH_WEB_PROFILE=<dir> (of the web server).
// Logs: .tmp/bench-orders-<pid>/{web,worker,client,helpers,raw-sql,noop}.log (kept).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { resource } from "./resources";
import { cpuSnapshot, loadAverage, rssMb } from "./proc-stats";
import { startChild, type BenchChild } from "./child";
import { Figures } from "./figures";
import { capturedCall, installCapture, removeCapture, shapeOf, takeCalls, takesMany, type CallShape, type CapturedCall } from "./capture-intake";
import type { ClientSetup, ClosedLoop, OpenLoop } from "./load-client";
import { printOrderLoop } from "./order-loop-report";
import { percentile, type LoadResult } from "./load";

const num = (name: string, dflt: number) => {
  const v = process.env[name];
  return v === undefined || v.trim() === "" ? dflt : Number(v);
};
export const knobs = {
  runs: Math.max(1, num("BENCH_RUNS", 3)),
  orders: num("BENCH_ORDERS", 1000),
  concurrency: (process.env.BENCH_CONCURRENCY ?? "32,50")
    .split(",")
    .map((s) => Number(s.trim()))
    .filter((n) => n > 0),
  pings: num("BENCH_PINGS", 2000),
  webhooks: num("BENCH_WEBHOOKS", 500),
  webhookRate: num("BENCH_WEBHOOK_RATE", 100),
  steadySeconds: 10,
  batchOrders: num("BENCH_BATCH_ORDERS", 1000),
  batchSize: 500,
  sustainSeconds: num("BENCH_SUSTAIN_SECONDS", 20),
  /** Which of each run's phases run (all by default): quiet, intake, webhooks, noop, batch, sustained. */
  phases: new Set(
    (process.env.BENCH_PHASES ?? "quiet,intake,webhooks,noop,batch,sustained")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  ),
  /** Orders the sustained feed keeps outstanding (accepted, not yet done), fed 100 a request. */
  sustainOutstanding: 400,
  sustainBatch: 100,
  soakOrders: num("BENCH_SOAK_ORDERS", 100_000),
  /** No new soak chunk starts after this long (the whole bench stays near 20 minutes even when intake is slow). */
  soakSeconds: num("BENCH_SOAK_SECONDS", 360),
  soakChunk: 10_000,
  soakProbes: 300,
  soakProbeClients: 8,
  noopJobs: 10_000,
  quietOrders: 40,
  drainTimeoutMs: 180_000,
};
export type Knobs = typeof knobs;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(cmd, args, { env, stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed`);
}

const dbName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));
const t0 = Date.now();
const progress = (s: string) => {
  const sec = Math.round((Date.now() - t0) / 1000);
  console.log(`  ${String(Math.floor(sec / 60)).padStart(2, "0")}:${String(sec % 60).padStart(2, "0")} ${s}`);
};

export async function benchOrderLoop() {
  const k = knobs;
  const F = new Figures();
  const baseDb = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/portal?sslmode=disable";
  const baseRedis = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const databaseUrl = resource("create-db", baseDb);
  let rawUrl: string | null = null;
  const redisUrl = resource("claim-redis", baseRedis, "bench");
  const procs: ChildProcess[] = [];
  const children: BenchChild[] = [];
  let db: pg.Client | null = null;
  // Logs of this run only: other runs in the same checkout write their own.
  const logs = `.tmp/bench-orders-${process.pid}`;
  mkdirSync(logs, { recursive: true });
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await db?.end().catch(() => undefined);
    for (const c of children) await c.stop().catch(() => undefined);
    for (const p of procs) p.kill("SIGTERM");
    await Promise.all(
      procs.map((p) =>
        p.exitCode !== null || p.signalCode !== null
          ? null
          : Promise.race([new Promise((r) => p.once("exit", r)), sleep(30_000).then(() => p.kill("SIGKILL"))]),
      ),
    );
    resource("drop-db", databaseUrl);
    if (rawUrl) resource("drop-db", rawUrl);
    resource("release-redis", redisUrl);
  };
  // Ctrl-C: stop what this bench started and drop its databases.
  const onSignal = (signal: NodeJS.Signals) => {
    console.log(`\n${signal}: stopping the bench's processes, dropping its databases`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const appPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    APP_URL: `http://127.0.0.1:${appPort}`,
    AUTH_SECRET: "bench-secret-0123456789abcdef",
    CREDENTIALS_KEY: "b".repeat(64),
    PHONEX_API_KEY: "px_bench",
    PHONEX_WEBHOOK_SECRET: "whsec_bench",
    DEMO_API_KEY: "pk_live_bench_worldtech_00000000000000",
    RATE_LIMIT_PER_MINUTE: "100000000",
    LOG_LEVEL: "warn",
    NEXT_DIST_DIR: ".next-bench",
  };
  const loadBefore = loadAverage();
  try {
    console.log(`\nOrder loop: bench database ${dbName(databaseUrl)}, Redis db ${redisUrl.split("/").pop()}, logs in ${logs}`);
    // The simulator and the mail catcher first: the seed writes the PhoneX URL into the supplier row.
    const helpers = startChild("helpers", "scripts/bench/helpers.ts", env, `${logs}/helpers.log`);
    children.push(helpers);
    await helpers.ready;
    const ports = await helpers.call<{ smtpPort: number; phonexPort: number }>("ports");
    env.SMTP_URL = `smtp://127.0.0.1:${ports.smtpPort}`;
    env.PHONEX_API_URL = `http://127.0.0.1:${ports.phonexPort}`;
    run("npx", ["dbmate", "--migrations-dir", "prisma/migrations", "--no-dump-schema", "up"], env);
    run("npx", ["tsx", "--import", "./scripts/node-hooks.mjs", "prisma/seed.ts"], env);
    const sku = await prepareDatabase(databaseUrl);
    // The raw-SQL ceiling writes into a copy made now (same schema, same seed), where no worker
    // picks its orders up. A second create-db a second later, so the name differs.
    await sleep(1100);
    rawUrl = resource("create-db", baseDb);
    await copyDatabase(databaseUrl, rawUrl);
    if (process.env.BENCH_SKIP_BUILD !== "1" || !existsSync(".next-bench/BUILD_ID")) {
      progress("building the app (.next-bench)…");
      run("npx", ["next", "build"], env);
    }

    // Started as `npm start` and `npm run worker` start them (package.json): the same V8 flags.
    const runtime = { ...env, NODE_OPTIONS: `--max-semi-space-size=64 ${process.env.NODE_OPTIONS ?? ""}`.trim() };
    /** A child node process with the same flags, and a CPU profile when `profileVar` names a directory. */
    const startNode = (name: string, profileVar: string, args: string[]) => {
      const log = openSync(`${logs}/${name}.log`, "w");
      const dir = process.env[profileVar];
      return spawn(process.execPath, [...(dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : []), ...args], { env: runtime, stdio: ["ignore", log, log] });
    };
    const web = startNode("web", "BENCH_WEB_PROFILE", ["node_modules/next/dist/bin/next", "start", "-p", String(appPort), "-H", "127.0.0.1"]);
    procs.push(web);
    const worker = startNode("worker", "BENCH_WORKER_PROFILE", ["--import", "tsx", "--import", "./scripts/node-hooks.mjs", "workers/index.ts"]);
    procs.push(worker);
    let workerStopped = false;
    const dead = (p: ChildProcess, name: string, log: string) => {
      if (p.exitCode === null && p.signalCode === null) return;
      if (name === "worker" && workerStopped) return;
      const tail = readFileSync(log, "utf8").trim().split("\n").slice(-15).join("\n    ");
      throw new Error(`the ${name} exited (${p.signalCode ?? p.exitCode}); the end of ${log}:\n    ${tail}`);
    };
    const alive = () => {
      dead(web, "web server", `${logs}/web.log`);
      dead(worker, "worker", `${logs}/worker.log`);
    };

    const client = startChild("load client", "scripts/bench/load-client.ts", env, `${logs}/client.log`);
    const raw = startChild("raw SQL", "scripts/bench/raw-sql.ts", env, `${logs}/raw-sql.log`);
    const noop = startChild("BullMQ no-op", "scripts/bench/noop-queue.ts", env, `${logs}/noop.log`);
    children.push(client, raw, noop);
    await Promise.all([client.ready, raw.ready, noop.ready]);
    await waitHealthy(`${env.APP_URL}/api/health`, alive);
    const setup: ClientSetup = { base: env.APP_URL!, apiKey: env.DEMO_API_KEY!, sku, webhookSecret: env.PHONEX_WEBHOOK_SECRET! };
    await client.call("setup", setup);
    const closed = (o: ClosedLoop) => client.call<LoadResult>("closed", o);
    const open = (o: OpenLoop) => client.call<LoadResult>("open", o);

    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const q = db;
    const ownPid = (await q.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;

    /** CPU so far of every process of the bench, and of the Postgres backends serving its two databases. */
    const snap = async () => {
      const { rows } = await q.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = ANY($1) AND pid <> $2", [
        [dbName(databaseUrl), dbName(rawUrl!)],
        ownPid,
      ]);
      return cpuSnapshot(
        { web: web.pid, worker: workerStopped ? undefined : worker.pid, client: client.pid, helpers: helpers.pid, raw: raw.pid, noop: noop.pid },
        rows.map((r) => r.pid),
      );
    };
    type Snap = Awaited<ReturnType<typeof snap>>;
    /** CPU ms per unit between two snapshots, by process (pg: the backends alive at the end). */
    const perUnit = (key: string, a: Snap, b: Snap, units: number) => {
      for (const name of Object.keys(b.trees)) F.put(`${key}.cpu.${name}`, (b.trees[name]! - (a.trees[name] ?? 0)) / units);
      let pgMs = 0;
      for (const [pid, ms] of b.pids) pgMs += ms - (a.pids.get(pid) ?? 0);
      F.put(`${key}.cpu.pg`, pgMs / units);
    };
    const measured = async <T>(key: string, units: number, phase: () => Promise<T>) => {
      alive();
      const a = await snap();
      const r = await phase();
      perUnit(key, a, await snap(), units);
      return r;
    };

    const openJobs = async () => Number((await q.query<{ n: string }>(`SELECT count(*) AS n FROM "OutboxMessage" WHERE "status" = 'open'`)).rows[0]!.n);
    /** Until the worker has no open work (every outbox row done or dead), or the timeout. */
    const drain = async (timeoutMs = k.drainTimeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        alive();
        const n = await openJobs();
        if (n === 0) return 0;
        if (Date.now() > deadline) {
          progress(`the worker still had ${n} open jobs after ${timeoutMs / 1000} s; the next figures run beside that backlog`);
          return n;
        }
        await sleep(200);
      }
    };
    const times = (tag: string) => orderTimes(q, tag);

    // Warm up (JIT, pools, the routes' first compile) and let the worker finish what that made.
    progress("warming up, capturing the intake's write");
    await closed({ traffic: { kind: "ping" }, total: 500, concurrency: 8 });
    await closed({ traffic: { kind: "order", tag: "bench warmup" }, total: 200, concurrency: 8 });
    await closed({ traffic: { kind: "batch", tag: "bench warmup", size: 100 }, total: 2, concurrency: 1 });

    // What the route sends to write an order, captured from two real orders, replayed as the ceiling;
    // and how it sends it under each phase's load (orders a call, calls at once), replayed the same way.
    const installed = await installCapture(q);
    let captured: CapturedCall | { none: string } = "none" in installed ? installed : { none: "" };
    const shapes = new Map<string, CallShape>();
    if (!("none" in installed)) {
      try {
        const r = await closed({ traffic: { kind: "order", tag: "bench capture" }, total: 2, concurrency: 1 });
        F.countErrors("capture", r.errors);
        const numbers = await orderNumbers(q, "bench capture");
        captured = capturedCall(installed, await takeCalls(q), numbers);
        for (const c of k.concurrency) {
          await closed({ traffic: { kind: "order", tag: "bench shape" }, total: Math.max(300, 8 * c), concurrency: c });
          const shape = shapeOf(await takeCalls(q));
          if (shape) shapes.set(String(c), shape);
        }
        if (k.batchOrders > 0) {
          const size = Math.min(k.batchSize, k.batchOrders);
          await closed({ traffic: { kind: "batch", tag: "bench shape", size }, total: 2, concurrency: 2 });
          const shape = shapeOf(await takeCalls(q));
          if (shape) shapes.set("batch", shape);
        }
      } finally {
        await removeCapture(q, installed);
      }
    }
    const many = !("none" in captured) && takesMany(captured);
    if (!("none" in captured)) {
      await raw.call("setup", { url: rawUrl, call: captured });
      await raw.call("run", { total: 200, concurrency: 8 });
    }
    /** The raw write from `conns` connections, `perCall` orders a call, `orders` in all. */
    const rawRun = async (key: string, orders: number, conns: number, perCall: number) => {
      await raw.call("connect", { concurrency: conns });
      const r = await measured(key, orders, () => raw.call<LoadResult>("run", { total: Math.ceil(orders / perCall), concurrency: conns, perCall }));
      F.putLoad(key, r, perCall);
    };
    await drain();
    const warm = await orderNumbers(q, "bench warmup");
    await closed({ traffic: { kind: "webhook", numbers: warm, statuses: ["accepted"] }, total: warm.length, concurrency: 8 });
    await drain();
    await noop.call("run", { jobs: 1000 });

    for (let r = 1; r <= k.runs; r++) {
      progress(`run ${r}/${k.runs} (load average ${loadAverage()})`);
      // Forwarding on a quiet system: one order at a time.
      const quietTag = `bench r${r} quiet`;
      for (let i = 0; i < (k.phases.has("quiet") ? k.quietOrders : 0); i++) {
        await closed({ traffic: { kind: "order", tag: quietTag }, total: 1, concurrency: 1 });
        await sleep(50);
      }
      await drain();
      if (k.phases.has("quiet")) putTimes(F, "quiet", await times(quietTag));

      const numbersByC = new Map<number, string[]>();
      for (const c of k.phases.has("intake") ? k.concurrency : []) {
        progress(`run ${r}: intake at ${c} clients, the burst's forwarding, raw SQL`);
        F.putLoad(`ping.${c}`, await measured(`ping.${c}`, k.pings, () => closed({ traffic: { kind: "ping" }, total: k.pings, concurrency: c })));
        const tag = `bench r${r} c${c}`;
        const a = await snap();
        const orders = await measured(`order.${c}`, k.orders, () => closed({ traffic: { kind: "order", tag }, total: k.orders, concurrency: c }));
        F.putLoad(`order.${c}`, orders);
        F.ratio(`order.${c}.pctPing`, `order.${c}.rps`, `ping.${c}.rps`);
        F.ratio(`order.${c}.cpuVsPing`, `order.${c}.cpu.web`, `ping.${c}.cpu.web`, 1);
        await drain();
        perUnit(`burst.${c}`, a, await snap(), k.orders);
        const t = await times(tag);
        putTimes(F, `burst.${c}`, t);
        F.put(`burst.${c}.drainRate`, drainRate(t, 0));
        numbersByC.set(c, await orderNumbers(q, tag));
        if (!("none" in captured)) {
          // As the route sent it at this load (when the write takes many orders a call), and one order a call from c connections.
          const shape = shapes.get(String(c));
          if (many && shape) await rawRun(`raw.${c}`, k.orders, Math.max(1, Math.round(shape.inFlight)), Math.max(1, Math.round(shape.ordersPerCall)));
          await rawRun(`raw1.${c}`, k.orders, c, 1);
          F.ratio(`order.${c}.pctRaw`, `order.${c}.rps`, `raw.${c}.rps`);
          F.ratio(`raw.${c}.pctPing`, `raw.${c}.rps`, `ping.${c}.rps`);
          F.ratio(`order.${c}.pctRaw1`, `order.${c}.rps`, `raw1.${c}.rps`);
          F.ratio(`raw1.${c}.pctPing`, `raw1.${c}.rps`, `ping.${c}.rps`);
        }
      }

      // Webhooks for each concurrency's burst: accepted, then processing (each applied by the worker, with its emails).
      const webhooks = k.phases.has("webhooks") && k.phases.has("intake");
      if (webhooks) progress(`run ${r}: webhooks`);
      for (const c of webhooks ? k.concurrency : []) {
        const numbers = numbersByC.get(c)!;
        const total = k.webhooks;
        const statuses = ["accepted", "processing"];
        F.putLoad(
          `webhook.${c}`,
          await measured(`webhook.${c}`, total, () => closed({ traffic: { kind: "webhook", numbers, statuses }, total, concurrency: c })),
        );
        F.ratio(`webhook.${c}.pctPing`, `webhook.${c}.rps`, `ping.${c}.rps`);
        F.ratio(`webhook.${c}.cpuVsPing`, `webhook.${c}.cpu.web`, `ping.${c}.cpu.web`, 1);
        if (c !== k.concurrency.at(-1)) await drain();
      }
      // Suppliers keep sending while the worker applies those: ack at a steady rate, open loop.
      if (webhooks) {
        F.put("steady.backlogBefore", await openJobs());
        const steady = await open({
          traffic: { kind: "webhook", numbers: numbersByC.get(k.concurrency.at(-1)!)!, statuses: ["shipped"] },
          total: k.webhookRate * k.steadySeconds,
          rate: k.webhookRate,
        });
        F.putLoad("steady", steady);
        F.put("steady.backlogAfter", await openJobs());
        const webhookStart = Date.now();
        const left = await drain();
        if (left === 0) F.put("webhook.drainSeconds", (Date.now() - webhookStart) / 1000);
      }

      // BullMQ with nothing to do, in its own process: the ceiling for the worker's jobs/s.
      progress(`run ${r}: BullMQ no-op, batch endpoint, sustained end to end`);
      if (k.phases.has("noop")) {
        const nop = await noop.call<{ concurrency: number; jobsPerSec: number; cpuMsPerJob: number; addPerSec: number; addCpuMsPerJob: number }>("run", {
          jobs: k.noopJobs,
        });
        F.put("noop.concurrency", nop.concurrency);
        F.put("noop.jobsPerSec", nop.jobsPerSec);
        F.put("noop.cpuMsPerJob", nop.cpuMsPerJob);
        F.put("noop.addPerSec", nop.addPerSec);
        F.put("noop.addCpuMsPerJob", nop.addCpuMsPerJob);
      }

      // The batch endpoint: intake, then the worker alone on what it took.
      if (k.batchOrders > 0 && k.phases.has("batch")) {
        const size = Math.min(k.batchSize, k.batchOrders);
        const requests = Math.ceil(k.batchOrders / size);
        const tag = `bench r${r} batch`;
        // From an idle worker: what the earlier phases left (the webhooks' emails) is not the endpoint's cost.
        await drain();
        const a = await snap();
        const batch = await measured("batch", requests * size, () => closed({ traffic: { kind: "batch", tag, size }, total: requests, concurrency: 2 }));
        F.putLoad("batch", batch, size);
        F.ratio("batch.vsSingle", "batch.rps", `order.${k.concurrency.at(-1)}.rps`, 1);
        const intakeEnd = Date.now();
        await drain();
        perUnit("batchDrain", a, await snap(), requests * size);
        F.put("batch.drainRate", drainRate(await times(tag), intakeEnd));
        // Its ceiling when the write takes many orders a call: the same call with `size` orders, from 2 connections.
        const shape = shapes.get("batch");
        if (many && shape) {
          await rawRun("rawBatch", requests * size, Math.max(1, Math.round(shape.inFlight)), Math.max(1, Math.round(shape.ordersPerCall)));
          F.ratio("batch.pctRawBatch", "batch.rps", "rawBatch.rps");
        }
      }

      // Sustained: orders fed continuously, about `sustainOutstanding` of them accepted and not done.
      if (k.sustainSeconds > 0 && k.phases.has("sustained")) {
        const tag = `bench r${r} sustained`;
        const jobsPerOrder = 1 + (F.median("emailsPerOrder") ?? 2);
        const cap = k.sustainOutstanding * jobsPerOrder;
        const a = await snap();
        const from = Date.now();
        const until = from + k.sustainSeconds * 1000;
        while (Date.now() < until) {
          alive();
          if ((await openJobs()) < cap) {
            const b = await closed({ traffic: { kind: "batch", tag, size: k.sustainBatch }, total: 1, concurrency: 1 });
            F.countErrors("sustained", b.errors);
          } else await sleep(100);
        }
        const b = await snap();
        await drain();
        const t = await times(tag);
        // Counted from the 5th second (the worker's pipeline filled) to the end of the feed.
        const windowFrom = from + Math.min(5000, (until - from) / 4);
        const done = t.filter((o) => o.done !== null && o.done >= windowFrom && o.done <= until).length;
        const accepted = t.filter((o) => o.created >= windowFrom && o.created <= until).length;
        const seconds = (until - windowFrom) / 1000;
        F.put("sustained.rps", done / seconds);
        F.put("sustained.acceptedRps", accepted / seconds);
        F.put("sustained.jobsPerSec", (done / seconds) * jobsPerOrder);
        perUnit("sustained", a, b, Math.max(1, t.filter((o) => o.done !== null && o.done <= until).length));
        F.ratio("sustained.pctNoop", "sustained.jobsPerSec", "noop.jobsPerSec");
        F.put("sustained.workerCpuPerJob", (F.last("sustained.cpu.worker") ?? NaN) / jobsPerOrder);
        F.ratio("sustained.cpuVsNoop", "sustained.workerCpuPerJob", "noop.cpuMsPerJob", 1);
      }

      F.put("rss.web", rssMb(web.pid!));
      F.put("rss.worker", rssMb(worker.pid!));
      F.put("rss.client", rssMb(client.pid));
      F.put("rss.helpers", rssMb(helpers.pid));
      F.put("load1", Number(loadAverage().split(" ")[0]));
    }

    // The soak: intake alone as the tables grow (the worker stopped: it could not keep up with
    // the batch endpoint, and its backlog would be a different test).
    const soak: SoakRow[] = [];
    let soakStopped: string | null = null;
    if (k.soakOrders > 0) {
      progress(`soak: ${k.soakOrders} orders (worker stopped)`);
      workerStopped = true;
      worker.kill("SIGTERM");
      await new Promise((r) => (worker.exitCode !== null || worker.signalCode !== null ? r(null) : worker.once("exit", r)));
      let placed = 0;
      const soakUntil = Date.now() + k.soakSeconds * 1000;
      for (let sent = 0; sent < k.soakOrders;) {
        alive();
        if (Date.now() > soakUntil) {
          soakStopped = `stopped after ${sent} of ${k.soakOrders} orders: BENCH_SOAK_SECONDS=${k.soakSeconds} was up`;
          progress(`soak ${soakStopped}`);
          break;
        }
        const chunk = Math.min(k.soakChunk, k.soakOrders - sent);
        const size = Math.min(k.batchSize, chunk);
        const requests = Math.ceil(chunk / size);
        const a = await snap();
        const batch = await closed({ traffic: { kind: "batch", tag: "bench soak", size }, total: requests, concurrency: 2 });
        const b = await snap();
        const probes = await closed({ traffic: { kind: "order", tag: "bench soak probe" }, total: k.soakProbes, concurrency: k.soakProbeClients });
        sent += requests * size;
        placed = Number((await q.query<{ n: string }>(`SELECT count(*) AS n FROM "Order"`)).rows[0]!.n);
        F.countErrors("soak", batch.errors);
        F.countErrors("soak probes", probes.errors);
        soak.push({
          sent,
          placed,
          batchRps: batch.rps * size,
          batchWebCpuMs: (b.trees.web! - a.trees.web!) / (requests * size),
          probe: probes,
          webRssMb: rssMb(web.pid!),
        });
        const last = soak.at(-1)!;
        progress(
          `soak ${sent}/${k.soakOrders}: batch ${last.batchRps.toFixed(0)} orders/s, probe p50 ${probes.p50.toFixed(1)} ms p99 ${probes.p99.toFixed(1)} ms`,
        );
      }
    }

    const helperStats = await helpers.call<{ emails: number; supplierOrders: number }>("stats");
    printOrderLoop(F, k, {
      captured: "none" in captured ? captured.none || "no capture" : `${captured.fn}(${captured.argTypes.join(", ")})`,
      shapes,
      loadBefore,
      loadAfter: loadAverage(),
      soak,
      soakStopped,
      helperStats,
    });
  } finally {
    await cleanup();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

export type SoakRow = { sent: number; placed: number; batchRps: number; batchWebCpuMs: number; probe: LoadResult; webRssMb: number };

/** The bench's setup on its database: PhoneX only, no rate limit in the way, stock for every order. Returns the SKU ordered. */
async function prepareDatabase(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    // The loop under test is PhoneX's (its simulator runs; CJ and WesellCellular do not).
    await c.query(`UPDATE "Supplier" SET "active" = false WHERE "slug" <> 'phonex'`);
    // Measure our pipeline, not the supplier's configured rate limit (10/s in the demo seed).
    await c.query(`UPDATE "Supplier" SET "rateLimitPerSec" = 1000 WHERE "slug" = 'phonex'`);
    // Enough stock that every benchmark order is accepted.
    await c.query(`UPDATE "SupplierOffer" SET "stock" = 100000000`);
    await c.query(`UPDATE "Product" SET "stock" = 100000000`);
    const { rows } = await c.query<{ sku: string }>(`
      SELECT p."sku" FROM "Product" p
       WHERE p."active" AND EXISTS (SELECT 1 FROM "SupplierOffer" o JOIN "Supplier" s ON s."id" = o."supplierId"
                                     WHERE o."productId" = p."id" AND o."active" AND s."slug" = 'phonex')
       ORDER BY p."sku" LIMIT 1`);
    if (!rows[0]) throw new Error("the seed has no active product with a PhoneX offer");
    return rows[0].sku;
  } finally {
    await c.end();
  }
}

/** `to` becomes a copy of `from` (CREATE DATABASE … TEMPLATE; nothing may be connected to `from`). */
async function copyDatabase(from: string, to: string) {
  const admin = new URL(from);
  admin.pathname = "/postgres";
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    const q = (n: string) => `"${n.replace(/"/g, '""')}"`;
    await c.query(`DROP DATABASE ${q(dbName(to))}`);
    await c.query(`CREATE DATABASE ${q(dbName(to))} TEMPLATE ${q(dbName(from))}`);
  } finally {
    await c.end();
  }
}

async function waitHealthy(url: string, alive: () => void) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    alive();
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(300);
  }
  throw new Error(`${url} did not become healthy`);
}

async function orderNumbers(db: pg.Client, tag: string) {
  return (await db.query<{ number: string }>(`SELECT "number" FROM "Order" WHERE "reference" = $1 ORDER BY "createdAt"`, [tag])).rows.map((r) => r.number);
}

/** Per order of a tag (ms since the epoch): accepted, supplier acknowledged (every supplier order), both order_placed emails sent. */
type OrderTimes = { created: number; acked: number | null; mailed: number | null; done: number | null; emails: number };

async function orderTimes(db: pg.Client, tag: string): Promise<OrderTimes[]> {
  const { rows } = await db.query<{ created: number; acked: number | null; mailed: number | null; emails: number }>(
    `SELECT extract(epoch FROM o."createdAt") * 1000 AS created,
            (SELECT CASE WHEN bool_and(s."submittedAt" IS NOT NULL) THEN extract(epoch FROM max(s."submittedAt")) * 1000 END
               FROM "SupplierOrder" s WHERE s."orderId" = o."id") AS acked,
            (SELECT CASE WHEN bool_and(n."status" = 'sent') THEN extract(epoch FROM max(n."sentAt")) * 1000 END
               FROM "Notification" n WHERE n."orderId" = o."id" AND n."type" = 'order_placed') AS mailed,
            (SELECT count(*) FROM "Notification" n WHERE n."orderId" = o."id" AND n."type" = 'order_placed')::int AS emails
       FROM "Order" o WHERE o."reference" = $1`,
    [tag],
  );
  return rows.map((r) => {
    const [created, acked, mailed] = [Number(r.created), r.acked === null ? null : Number(r.acked), r.mailed === null ? null : Number(r.mailed)];
    return { created, acked, mailed, done: acked !== null && mailed !== null ? Math.max(acked, mailed) : null, emails: r.emails };
  });
}

function putTimes(F: Figures, key: string, t: OrderTimes[]) {
  const ms = (f: (o: OrderTimes) => number | null) =>
    t
      .map(f)
      .filter((v): v is number => v !== null)
      .sort((a, b) => a - b);
  const acked = ms((o) => (o.acked === null ? null : o.acked - o.created));
  const done = ms((o) => (o.done === null ? null : o.done - o.created));
  F.put(`${key}.ack.p50`, acked.length ? percentile(acked, 50) : null);
  F.put(`${key}.ack.p99`, acked.length ? percentile(acked, 99) : null);
  F.put(`${key}.done.p50`, done.length ? percentile(done, 50) : null);
  F.put(`${key}.done.p99`, done.length ? percentile(done, 99) : null);
  F.put(`${key}.notDone`, t.length - done.length);
  F.put(`${key}.n`, t.length);
  if (t.length)
    F.put(
      "emailsPerOrder",
      percentile(
        ms((o) => o.emails),
        50,
      ),
    );
}

/** Orders done per second by the worker from `since` (0: from the first order's acceptance) to the last one done. */
function drainRate(t: OrderTimes[], since: number) {
  const done = t.filter((o) => o.done !== null && o.done >= since).map((o) => o.done!);
  if (done.length < 2) return null;
  const from = since || Math.min(...t.map((o) => o.created));
  return done.length / ((Math.max(...done) - from) / 1000);
}
