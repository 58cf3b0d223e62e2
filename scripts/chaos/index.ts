// `npm run chaos`: a bounded fault run against the real order loop. It MEASURES
// (and prints what it measured); it asserts nothing and is not part of `npm test`.
//
// What it does
//   1. Starts services of its own, never the shared 5432/6379: a Postgres
//      cluster `chaos<pid>` (pg_createcluster, trust auth, a `root` superuser,
//      migrated with scripts/db-migrate.mjs) and a Redis without persistence,
//      each on a free port; the mail catcher (SMTP) and the PhoneX simulator run
//      inside this process. Seeds a reseller, its API key, the PhoneX supplier
//      and a few products with plenty of stock (prisma/factories.ts).
//   2. Starts the app (the real route handlers, tests/helpers/app-server-main.ts) and
//      --workers worker processes (workers/index.ts), each a child process of
//      its own, with the full environment lib/env.ts wants.
//   3. Places --orders orders through POST /api/orders at --rate per second,
//      each with its own Idempotency-Key (retried with the same key on 5xx /
//      409 / 429 / no answer), while PhoneX fails --failure-rate of creates with
//      500 before creating, --fail-after-create-rate after creating, answers
//      --slow-rate of them only after --slow-ms (longer than the supplier's
//      --supplier-timeout-ms, so the worker times out although the order
//      exists), and delivers webhooks duplicated (--duplicate-rate) and out of
//      order. Meanwhile, over a fault window of max(placing time, --fault-seconds):
//      --kills SIGKILLs of random workers at random moments (each restarted),
//      --redis-restarts restarts of its Redis (data lost) and --pg-restarts of its
//      Postgres cluster, both while orders are still arriving.
//   4. Stops injecting, lets the system settle (until everything is final, or
//      nothing changed for --quiet-seconds, at most --settle-seconds), then
//      prints a table and, as the last line, the same figures as one JSON object:
//      API answers by status (500s and 503s apart), lost orders (201 but not in
//      the DB), duplicates (in the DB and at PhoneX), what is stuck (pending
//      orders / supplier orders, notifications not sent, webhook events not
//      processed, outbox rows not dispatched), emails missing or delivered
//      twice (by X-Portal-Notification-Id and Message-ID), final statuses and
//      webhook ack latency.
//   5. Always removes what it started (children by process group, Redis by
//      `shutdown nosave`, the cluster by `pg_dropcluster --stop`), also on
//      Ctrl-C or an error. Child logs stay in .tmp/chaos/<stamp>/.
//
// Exit code: 0 when the run completed (whatever it found), 1 when the harness
// itself broke, 2 for bad flags. Run as root (pg_createcluster, su postgres).
//
// Flags (npm run chaos -- --help lists them with defaults):
//   --orders 300  --rate 20  --retries 5  --request-timeout-ms 20000
//   --workers 2  --worker-concurrency 10  --kills 20  --fault-seconds 40  --restart-delay-ms 500
//   --redis-restarts 1  --redis-down-ms 2000  --pg-restarts 1  --pg-down-ms 2000
//   --failure-rate 0.2  --fail-after-create-rate 0.05  --slow-rate 0.05  --slow-ms 4000
//   --supplier-timeout-ms 2000  --duplicate-rate 0.2  --in-order  --pace-ms 1000
//   --settle-seconds 180  --quiet-seconds 20  --seed <n>
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseOptions, seededRandom, usage, type ChaosOptions } from "./options";
import { Child } from "./processes";
import { alive, dropStaleChaosClusters, freePort, OwnPostgres, OwnRedis, run, sleep, waitUntil } from "./services";
import { placeOrders } from "./load";
import { buildReport, complete, fingerprint, printReport, readDbState, type FaultLog, type WebhookLog } from "./report";

let opts: ChaosOptions;
try {
  opts = parseOptions(process.argv.slice(2));
} catch (err) {
  console.error(`${(err as Error).message}\n\n${usage()}`);
  process.exit(2);
}
if (opts.help) {
  console.log(usage());
  process.exit(0);
}

const t0 = Date.now();
const secs = () => ((Date.now() - t0) / 1000).toFixed(1).padStart(6);
const say = (m: string) => console.log(`[chaos +${secs()}s] ${m}`);

// ── Cleanup: everything started registers how to undo it; run last-in first-out, once ──
const undo: { what: string; fn: () => Promise<unknown> }[] = [];
let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    while (undo.length) {
      const step = undo.pop()!;
      try {
        await step.fn();
      } catch (err) {
        console.error(`[chaos] cleanup: ${step.what} failed: ${(err as Error).message}`);
      }
    }
  })();
  return cleaning;
}
let interrupted = 0;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    interrupted++;
    if (interrupted > 1) {
      console.error("[chaos] second signal: exiting without finishing cleanup");
      process.exit(130);
    }
    console.error(`[chaos] ${signal}: cleaning up (again to force)…`);
    void cleanup().finally(() => process.exit(130));
  });
}
process.on("uncaughtException", (err) => {
  console.error("[chaos] harness error:", err);
  void cleanup().finally(() => process.exit(1));
});
process.on("unhandledRejection", (err) => {
  console.error("[chaos] harness error (unhandled rejection):", err);
  void cleanup().finally(() => process.exit(1));
});

/** Redis daemons of earlier chaos runs that were killed before their cleanup (their tmp dir says whose). */
async function stopStaleRedis() {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith("chaos-")) continue;
    const dir = join(tmpdir(), name);
    const ownerFile = join(dir, "owner.json");
    if (!existsSync(ownerFile)) continue;
    try {
      const owner = JSON.parse(readFileSync(ownerFile, "utf8")) as { pid: number; redisPort: number };
      if (owner.pid === process.pid || alive(owner.pid)) continue;
      const stale = new OwnRedis(owner.redisPort, dir);
      stale.killByPidfile();
      rmSync(dir, { recursive: true, force: true });
      say(`stopped the Redis of an earlier, killed chaos run (pid ${owner.pid})`);
    } catch {
      /* not ours after all */
    }
  }
}

async function main() {
  say(
    `seed ${opts.seed}: ${opts.orders} orders at ${opts.rate}/s, ${opts.workers} workers, ${opts.kills} kills, ` +
      `${opts.redisRestarts} Redis and ${opts.pgRestarts} Postgres restarts`,
  );
  // One stream per use, so the timing of one cannot shift the draws of another.
  const random = seededRandom(opts.seed);
  const killRandom = seededRandom(opts.seed + 1);
  const outageRandom = seededRandom(opts.seed + 2);
  await dropStaleChaosClusters(say);
  await stopStaleRedis();

  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
  const logsDir = join(process.cwd(), ".tmp", "chaos", `${stamp}-${process.pid}`);
  mkdirSync(logsDir, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), `chaos-${process.pid}-`));
  undo.push({ what: "remove the tmp dir", fn: async () => rmSync(tmp, { recursive: true, force: true }) });

  const [pgPort, redisPort, appPort, smtpPort, simPort] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
  writeFileSync(join(tmp, "owner.json"), JSON.stringify({ pid: process.pid, redisPort }));

  // ── Services of our own ──
  const redis = new OwnRedis(redisPort, tmp);
  undo.push({
    what: "stop Redis",
    fn: async () => {
      await redis.stop();
      redis.killByPidfile();
    },
  });
  await redis.start();
  say(`Redis on ${redisPort}`);

  const postgres = new OwnPostgres(`chaos${process.pid}`, pgPort);
  undo.push({ what: `drop the cluster ${postgres.name}`, fn: () => postgres.drop() });
  await postgres.create();
  await postgres.start();
  await postgres.createRootRole();
  const databaseUrl = postgres.url("portal_chaos");
  say(`Postgres ${postgres.version}/${postgres.name} on ${pgPort}`);

  const appUrl = `http://127.0.0.1:${appPort}`;
  const apiKey = `pk_live_chaos_${randomBytes(12).toString("hex")}`;
  const chaosEnv: Record<string, string> = {
    NODE_ENV: "test",
    LOG_LEVEL: "warn",
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    APP_URL: appUrl,
    NEXTAUTH_URL: appUrl,
    SECURE_COOKIES: "false",
    AUTH_SECRET: randomBytes(32).toString("base64"),
    CREDENTIALS_KEY: randomBytes(32).toString("hex"),
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_FROM: "PhoneX Portal <orders@portal.local>",
    OPS_EMAIL: "ops@chaos.test",
    PHONEX_API_URL: `http://127.0.0.1:${simPort}`,
    PHONEX_API_KEY: "px_chaos_key",
    PHONEX_WEBHOOK_SECRET: "whsec_chaos_phonex",
    // CJ and WesellCellular are not seeded: nothing calls them. Ports nobody listens on.
    CJ_API_URL: "http://127.0.0.1:9/api2.0/v1",
    CJ_API_KEY: "",
    CJ_OPEN_ID: "",
    WSC_API_URL: "http://127.0.0.1:9",
    WSC_EMAIL: "",
    WSC_PASSWORD: "",
    DEMO_API_KEY: "",
    RATE_LIMIT_PER_MINUTE: "1000000",
    FORWARD_ATTEMPTS: "8",
    FORWARD_BACKOFF_MS: "200",
    WORKER_CONCURRENCY: String(opts.workerConcurrency),
    WORKER_LOCK_MS: "5000",
    RECONCILE_EVERY_MS: "1000",
    RECONCILE_AFTER_MS: "5000",
    POLL_EVERY_MS: "2000",
    // Durable work (where the code has it): leases and the recovery pass on a short clock, like the locks.
    JOB_LEASE_MS: "5000",
    RECOVERY_EVERY_MS: "1000",
    RECOVERY_GRACE_MS: "1000",
    SUPPLIER_BREAKER_THRESHOLD: "5",
    SUPPLIER_BREAKER_COOLDOWN_MS: "2000",
    SUPPLIER_RATE_WINDOW_MS: "1200",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // This process reads the same configuration (the seed's Prisma client, the simulator's logger).
  Object.assign(process.env, chaosEnv);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...chaosEnv };
  delete childEnv.NODE_OPTIONS; // each child gets its loaders on its own command line

  say("migrating");
  await run(process.execPath, ["scripts/db-migrate.mjs"], 180_000, childEnv);

  // ── In-process fakes: mail catcher and PhoneX ──
  const { startMailCatcher } = await import("../../dev/mail-catcher/mail-catcher");
  const mail = await startMailCatcher({ smtpPort, httpPort: null });
  undo.push({ what: "close the mail catcher", fn: () => mail.close() });

  const webhooks: WebhookLog = { attempts: 0, ok: 0, duplicatesSent: 0, gaveUp: 0, acks: [] };
  const WEBHOOK_RETRIES = 4;
  const timedFetch: typeof fetch = async (input, init) => {
    const t = performance.now();
    try {
      const res = await fetch(input, init);
      webhooks.acks.push({ ms: performance.now() - t, status: res.status });
      return res;
    } catch (err) {
      webhooks.acks.push({ ms: performance.now() - t, status: null });
      throw err;
    }
  };
  const { startPhoneXSimulatorServer } = await import("../../dev/simulators/phonex/server");
  const { phonexCatalog } = await import("../../prisma/demo-data/phonex-catalog");
  const { CHAOS_STOCK, seedChaosWorld } = await import("./seed");
  // PhoneX reports plenty of stock too, so the worker's catalog sync cannot make orders out of stock.
  const catalog = phonexCatalog.map((i) => ({ ...i, quantity: CHAOS_STOCK }));
  const phonex = await startPhoneXSimulatorServer({
    port: simPort,
    apiKey: chaosEnv.PHONEX_API_KEY!,
    webhookSecret: chaosEnv.PHONEX_WEBHOOK_SECRET!,
    webhookUrl: `${appUrl}/api/webhooks/phonex`,
    catalog,
    logRequests: false,
    autoAdvance: true,
    paceMs: opts.paceMs,
    failureRate: opts.failureRate,
    failAfterCreateRate: opts.failAfterCreateRate,
    slowRate: opts.slowRate,
    slowMs: opts.slowMs,
    duplicateRate: opts.duplicateRate,
    outOfOrder: opts.outOfOrder,
    webhookRetries: WEBHOOK_RETRIES,
    fetchImpl: timedFetch,
    onWebhook: (d) => {
      webhooks.attempts++;
      if (d.ok) webhooks.ok++;
      if (d.duplicate && d.attempt === 1) webhooks.duplicatesSent++;
      if (!d.ok && d.attempt === WEBHOOK_RETRIES + 1) webhooks.gaveUp++;
    },
  });
  undo.push({ what: "close the PhoneX simulator", fn: () => phonex.close() });
  say(`PhoneX simulator on ${simPort}, mail catcher SMTP on ${smtpPort}`);

  say("seeding");
  const world = await seedChaosWorld({
    apiKey,
    phonexUrl: phonex.url,
    phonexApiKey: chaosEnv.PHONEX_API_KEY!,
    webhookSecret: chaosEnv.PHONEX_WEBHOOK_SECRET!,
    supplierTimeoutMs: opts.supplierTimeoutMs,
    catalog,
    products: 8,
  });

  // ── Children ──
  const faults: FaultLog = { kills: [], workerUnexpectedExits: [], appUnexpectedExits: [], redisRestarts: [], pgRestarts: [], faultWindowMs: 0 };
  const loaders = ["--import", "tsx", "--import", "./scripts/node-hooks.mjs", "--import", "./scripts/chaos/parent-watch.mjs"];
  const app = new Child("app", [...loaders, "tests/helpers/app-server-main.ts"], { ...childEnv, APP_PORT: String(appPort) }, join(logsDir, "app.log"), {
    restartDelayMs: 500,
    t0,
    onUnexpectedExit: (_c, e) => {
      faults.appUnexpectedExits.push({ at: e.at, code: e.code, signal: e.signal });
      say(`the app exited on its own (code ${e.code}, signal ${e.signal}); restarting it`);
    },
  });
  const workers = Array.from(
    { length: opts.workers },
    (_, i) =>
      new Child(`worker-${i + 1}`, [...loaders, "workers/index.ts"], childEnv, join(logsDir, `worker-${i + 1}.log`), {
        restartDelayMs: opts.restartDelayMs,
        t0,
        onUnexpectedExit: (c, e) => {
          faults.workerUnexpectedExits.push({ at: e.at, worker: c.name, code: e.code, signal: e.signal });
          say(`${c.name} exited on its own (code ${e.code}, signal ${e.signal}); restarting it`);
        },
      }),
  );
  undo.push({ what: "stop the app", fn: () => app.stop(5000) });
  undo.push({ what: "stop the workers", fn: () => Promise.all(workers.map((w) => w.stop(5000))) });

  app.start();
  // Any answer will do (health says 503 until everything it checks is up); no answer is not up yet.
  await waitUntil("the app", async () => (await fetch(`${appUrl}/api/health`).then((r) => r.arrayBuffer())) !== null, 60_000, 250);
  // Load the routes once (the app server imports a route on its first request).
  await fetch(`${appUrl}/api/orders`, { headers: { authorization: `Bearer ${apiKey}` } }).then((r) => r.arrayBuffer());
  await fetch(`${appUrl}/api/webhooks/phonex`).then((r) => r.arrayBuffer()); // no GET handler: loads the route, stores nothing
  say(`app on ${appUrl}; logs in ${logsDir}`);
  workers.forEach((w) => w.start());
  await sleep(3000); // let them connect before the clock starts

  // ── Orders and faults, together ──
  const placingMs = (opts.orders / opts.rate) * 1000;
  const windowMs = Math.max(placingMs, opts.faultSeconds * 1000);
  faults.faultWindowMs = windowMs;
  const loadStart = Date.now();
  const abort = new AbortController();
  undo.push({ what: "stop placing orders", fn: async () => abort.abort() });

  let progressTimer: ReturnType<typeof setInterval> | null = null;
  let done = 0;
  const loadPromise = placeOrders({
    baseUrl: appUrl,
    apiKey,
    count: opts.orders,
    rate: opts.rate,
    retries: opts.retries,
    requestTimeoutMs: opts.requestTimeoutMs,
    runId: `${stamp}-${process.pid}`,
    skus: world.skus,
    random,
    signal: abort.signal,
    t0,
    onProgress: (d) => (done = d),
  });
  progressTimer = setInterval(() => {
    say(
      `orders answered ${done}/${opts.orders}, kills ${faults.kills.length}/${opts.kills}, ` +
        `PhoneX creates ${phonex.sim.state.stats.createCalls}, mails ${mail.messages().length}`,
    );
  }, 5000);

  async function at(ms: number) {
    const wait = loadStart + ms - Date.now();
    if (wait > 0) await sleep(wait);
  }

  async function killWorkers() {
    const times = Array.from({ length: opts.kills }, () => windowMs * (0.02 + 0.98 * killRandom())).sort((a, b) => a - b);
    for (const t of times) {
      await at(t);
      // A worker that has been up a moment (a kill at boot tests little); wait for one if none is.
      let candidates: Child[] = [];
      const deadline = Date.now() + 15_000;
      while ((candidates = workers.filter((w) => w.alive && Date.now() - w.startedAt > 1000)).length === 0 && Date.now() < deadline) await sleep(100);
      if (candidates.length === 0) continue;
      const victim = candidates[Math.floor(killRandom() * candidates.length)]!;
      await victim.kill();
      faults.kills.push({ at: Date.now() - t0, worker: victim.name });
      setTimeout(() => {
        if (victim.supervise && !victim.alive) victim.start();
      }, opts.restartDelayMs);
    }
  }

  async function restartServices() {
    const events: ("redis" | "pg")[] = [];
    for (let i = 0; i < Math.max(opts.redisRestarts, opts.pgRestarts); i++) {
      if (i < opts.redisRestarts) events.push("redis");
      if (i < opts.pgRestarts) events.push("pg");
    }
    // Spread over the middle of the placing phase, so orders keep arriving through each outage.
    const slot = (0.7 * placingMs) / Math.max(1, events.length);
    for (const [k, what] of events.entries()) {
      await at(0.15 * placingMs + slot * (k + 0.2 + 0.6 * outageRandom()));
      const started = Date.now();
      if (what === "redis") {
        say("Redis: shutdown nosave");
        await redis.stop();
        await sleep(opts.redisDownMs);
        await redis.start();
        faults.redisRestarts.push({ at: started - t0, downMs: Date.now() - started });
        say(`Redis back, empty, after ${Date.now() - started} ms`);
      } else {
        say("Postgres: stop -m fast");
        await postgres.stop();
        await sleep(opts.pgDownMs);
        await postgres.start();
        faults.pgRestarts.push({ at: started - t0, downMs: Date.now() - started });
        say(`Postgres back after ${Date.now() - started} ms`);
      }
    }
  }

  const [load] = await Promise.all([loadPromise, killWorkers(), restartServices(), at(windowMs)]);
  clearInterval(progressTimer);
  say(`faults over: ${load.placed.length}/${load.sent} orders placed (201), ${faults.kills.length} worker kills; settling`);

  // ── Settle ──
  await sleep(opts.restartDelayMs + 200);
  workers.forEach((w) => !w.alive && w.start());
  const settleStart = Date.now();
  let reason: "complete" | "quiet" | "timeout" = "timeout";
  let last = "";
  let lastChange = Date.now();
  let lastSay = 0;
  while (Date.now() - settleStart < opts.settleSeconds * 1000) {
    try {
      const s = await readDbState(databaseUrl);
      if (complete(s, phonex.sim.state)) {
        reason = "complete";
        break;
      }
      const fp = fingerprint(s, mail.messages().length, phonex.sim.state);
      if (fp !== last) {
        last = fp;
        lastChange = Date.now();
      } else if (Date.now() - lastChange >= opts.quietSeconds * 1000) {
        reason = "quiet";
        break;
      }
      if (Date.now() - lastSay > 10_000) {
        lastSay = Date.now();
        const open = s.orders.filter((o) => !["delivered", "rejected", "canceled", "failed"].includes(o.status)).length;
        say(
          `settling: ${open} orders not final, ${s.notifications.filter((n) => n.status !== "sent" && n.status !== "failed").length} emails not sent, ` +
            `${s.webhookOutcomes.pending ?? 0} webhook events pending`,
        );
      }
    } catch (err) {
      lastChange = Date.now();
      say(`settling: could not read the database (${(err as Error).message})`);
    }
    await sleep(2000);
  }
  await phonex.sim.idle().catch(() => undefined);
  const settleSeconds = (Date.now() - settleStart) / 1000;
  say(`settled: ${reason} after ${settleSeconds.toFixed(0)} s`);

  // ── Report ──
  const report = buildReport({
    meta: {
      seed: opts.seed,
      orders: opts.orders,
      rate: opts.rate,
      workers: opts.workers,
      kills: opts.kills,
      failureRate: opts.failureRate,
      failAfterCreateRate: opts.failAfterCreateRate,
      slowRate: opts.slowRate,
      slowMs: opts.slowMs,
      supplierTimeoutMs: opts.supplierTimeoutMs,
      duplicateRate: opts.duplicateRate,
      outOfOrder: opts.outOfOrder,
      runSeconds: Math.round((Date.now() - t0) / 1000),
      logs: logsDir,
    },
    load,
    db: await readDbState(databaseUrl),
    sim: phonex.sim.state,
    mails: mail.messages(),
    faults,
    webhooks,
    settle: { reason, seconds: settleSeconds },
  });
  console.log(`\nChaos run — ${opts.orders} orders at ${opts.rate}/s, ${opts.workers} workers, seed ${opts.seed}, ${Math.round((Date.now() - t0) / 1000)} s`);
  printReport(report);
  console.log("");
  console.log(JSON.stringify(report));
}

let exitCode = 0;
try {
  await main();
} catch (err) {
  console.error("[chaos] harness error:", err);
  exitCode = 1;
} finally {
  // On stderr: the JSON line stays the last line of stdout.
  if (!cleaning) console.error(`[chaos +${secs()}s] cleaning up`);
  await cleanup();
}
process.exit(exitCode);
