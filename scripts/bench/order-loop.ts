// `npm run bench` (part 1): the order loop on a production build.
//   - orders accepted per second through POST /api/orders, p50/p99
//   - webhooks accepted per second through POST /api/webhooks/phonex, p50/p95/p99
//   - webhook acknowledgement at a steady BENCH_WEBHOOK_RATE (open loop, as suppliers send them)
//     while the worker is busy applying the burst before it, p50/p95/p99 (docs/api.md (PhoneX webhooks): 202 within 100 ms)
//   - each beside GET /api/ping, an empty route handler on the same server
//   - forwarding latency: order accepted → supplier acknowledged (submittedAt), p50/p99,
//     on a quiet system and right after the order burst
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, openSync } from "node:fs";
import { createServer } from "node:net";
import { randomUUID } from "node:crypto";
import { fmt, percentile, runAtRate, runLoad, type LoadResult } from "./load";
import { resource } from "./resources";
import { cpuMs, loadAverage, rssMb } from "./proc-stats";

const N_PING = Number(process.env.BENCH_PINGS ?? 3000);
const N_ORDERS = Number(process.env.BENCH_ORDERS ?? 1000);
const N_WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WEBHOOK_RATE = Number(process.env.BENCH_WEBHOOK_RATE ?? 100);
const BATCH_SIZE = 100;
const BATCH_REQUESTS = Number(process.env.BENCH_BATCHES ?? 10);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

export async function benchOrderLoop() {
  const children: ChildProcess[] = [];
  const baseDb = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/portal?sslmode=disable";
  const baseRedis = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const databaseUrl = resource("create-db", baseDb);
  const redisUrl = resource("claim-redis", baseRedis, "bench");
  const [appPort, simPort] = [await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    APP_URL: `http://127.0.0.1:${appPort}`,
    AUTH_SECRET: "bench-secret-0123456789abcdef",
    CREDENTIALS_KEY: "b".repeat(64),
    PHONEX_API_URL: `http://127.0.0.1:${simPort}`,
    PHONEX_API_KEY: "px_bench",
    PHONEX_WEBHOOK_SECRET: "whsec_bench",
    DEMO_API_KEY: "pk_live_bench_worldtech_00000000000000",
    RATE_LIMIT_PER_MINUTE: "100000000",
    LOG_LEVEL: "warn",
    NEXT_DIST_DIR: ".next-bench",
  };
  Object.assign(process.env, env);
  try {
    console.log(`bench database ${databaseUrl.split("/").pop()?.split("?")[0]}, Redis ${redisUrl.split("/").pop()}`);
    run("npx", ["dbmate", "--migrations-dir", "prisma/migrations", "--no-dump-schema", "up"], env);
    run("npx", ["tsx", "--import", "./scripts/node-hooks.mjs", "prisma/seed.ts"], env);
    if (process.env.BENCH_SKIP_BUILD !== "1" || !existsSync(".next-bench/BUILD_ID")) {
      console.log("building the app (.next-bench)…");
      run("npx", ["next", "build"], env);
    }
    const { db } = await import("../../lib/db/client");
    // The loop under test is PhoneX's (its simulator runs here; CJ and WesellCellular do not).
    await db.$executeRaw`UPDATE "Supplier" SET "active" = false WHERE "slug" <> 'phonex'`;
    // Measure our pipeline, not the supplier's configured rate limit (10/s in the demo seed).
    await db.$executeRaw`UPDATE "Supplier" SET "rateLimitPerSec" = 1000 WHERE "slug" = 'phonex'`;
    // Enough stock that every benchmark order is accepted.
    await db.$executeRaw`UPDATE "SupplierOffer" SET "stock" = 100000000`;
    await db.$executeRaw`UPDATE "Product" SET "stock" = 100000000`;
    const sku = (await db.product.findFirstOrThrow({ where: { active: true, offers: { some: { supplier: { slug: "phonex" } } } }, orderBy: { sku: "asc" } }))
      .sku;

    const { startMailCatcher } = await import("../../dev/mail-catcher/mail-catcher");
    const mail = await startMailCatcher({ smtpPort: 0 });
    env.SMTP_URL = `smtp://127.0.0.1:${mail.smtpPort}`;
    const { startPhoneXSimulatorServer } = await import("../../dev/simulators/phonex/server");
    const sim = await startPhoneXSimulatorServer({
      port: simPort,
      apiKey: env.PHONEX_API_KEY!,
      webhookSecret: env.PHONEX_WEBHOOK_SECRET,
      autoAdvance: false,
      logRequests: false,
      catalog: undefined,
    });
    const web = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(appPort), "-H", "127.0.0.1"], { env, stdio: "ignore" });
    children.push(web);
    mkdirSync(".tmp", { recursive: true });
    const workerLog = openSync(".tmp/bench-worker.log", "w");
    children.push(
      spawn(
        process.execPath,
        [
          // BENCH_WORKER_PROFILE=<dir>: a V8 CPU profile of the worker, written when it exits.
          ...(process.env.BENCH_WORKER_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_WORKER_PROFILE}`] : []),
          "--import",
          "tsx",
          "--import",
          "./scripts/node-hooks.mjs",
          "workers/index.ts",
        ],
        { env, stdio: ["ignore", workerLog, workerLog] },
      ),
    );
    const base = env.APP_URL!;
    await waitHealthy(`${base}/api/health`);

    const auth = { authorization: `Bearer ${env.DEMO_API_KEY}`, "content-type": "application/json" };
    const orderBody = JSON.stringify({
      items: [{ sku, quantity: 1 }],
      shippingAddress: { name: "Bench", line1: "1 Main St", city: "Miami", postalCode: "33166", country: "US" },
    });
    const postOrder = () => fetch(`${base}/api/orders`, { method: "POST", headers: { ...auth, "idempotency-key": randomUUID() }, body: orderBody });

    // Warm up both routes (JIT, connection pools).
    await runLoad({ total: 300, concurrency: 8, request: () => fetch(`${base}/api/ping`), okStatus: (s) => s === 200 });
    await runLoad({ total: 50, concurrency: 4, request: postOrder, okStatus: (s) => s === 201 });

    // Forwarding latency on a quiet system: one order at a time.
    const quietIds: string[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await postOrder();
      quietIds.push(((await r.json()) as { id: string }).id);
      await new Promise((res) => setTimeout(res, 50));
    }
    const quiet = await forwardingLatency(db, quietIds);

    const worker = children.at(-1)!;
    /** CPU ms per request of the web process tree and of the worker over one phase. */
    const measured = async <T extends LoadResult>(n: number, phase: () => Promise<T>) => {
      const [w0, k0] = [cpuMs(web.pid!), cpuMs(worker.pid!)];
      const r = await phase();
      return { ...r, webCpuMs: (cpuMs(web.pid!) - w0) / n, workerCpuMs: (cpuMs(worker.pid!) - k0) / n };
    };
    const ping = await measured(N_PING, () =>
      runLoad({ total: N_PING, concurrency: CONCURRENCY, request: () => fetch(`${base}/api/ping`), okStatus: (s) => s === 200 }),
    );
    const burstIds: string[] = [];
    const orders = await measured(N_ORDERS, () =>
      runLoad({
        total: N_ORDERS,
        concurrency: CONCURRENCY,
        okStatus: (s) => s === 201,
        request: async () => {
          const r = await postOrder();
          const body = (await r
            .clone()
            .json()
            .catch(() => null)) as { id?: string } | null;
          if (body?.id) burstIds.push(body.id);
          return r;
        },
      }),
    );
    const burstCpu0 = cpuMs(worker.pid!);
    const burst = await forwardingLatency(db, burstIds);
    // The worker's CPU for the burst: what it spent while intake ran, and until the last order was forwarded.
    const workerMsPerOrder = orders.workerCpuMs + (cpuMs(worker.pid!) - burstCpu0) / N_ORDERS;

    const { signPhoneX } = await import("../../lib/suppliers/phonex/signature");
    const numbers = (await db.order.findMany({ where: { id: { in: burstIds } }, select: { number: true } })).map((o) => o.number);
    const webhook = (i: number, status: string) => {
      const body = JSON.stringify({
        event: "order.status_updated",
        order_id: numbers[i % numbers.length],
        supplier_order_id: null,
        status,
        updated_at: new Date().toISOString(),
      });
      const ts = Math.floor(Date.now() / 1000);
      return fetch(`${base}/api/webhooks/phonex`, {
        method: "POST",
        body,
        headers: {
          "content-type": "application/json",
          "x-phonex-event-id": `bench_${status}_${i}_${randomUUID()}`,
          "x-phonex-timestamp": String(ts),
          "x-phonex-signature": signPhoneX(env.PHONEX_WEBHOOK_SECRET!, ts, body),
        },
      });
    };
    const webhooks = await measured(N_WEBHOOKS, () =>
      runLoad({
        total: N_WEBHOOKS,
        concurrency: CONCURRENCY,
        okStatus: (s) => s === 202,
        request: (i) => webhook(i, i < numbers.length ? "accepted" : "processing"),
      }),
    );
    // The worker is now busy applying those webhooks (and their emails): suppliers keep sending.
    const steady = await runAtRate({ total: WEBHOOK_RATE * 10, rate: WEBHOOK_RATE, okStatus: (s) => s === 202, request: (i) => webhook(i, "shipped") });
    const backlog = await db.outboxMessage.count({ where: { status: "open" } });
    // POST /api/orders/batch: 100 orders a request, two requests at a time.
    const batchBody = JSON.stringify({ orders: Array.from({ length: BATCH_SIZE }, () => JSON.parse(orderBody) as unknown) });
    const batch = await runLoad({
      total: BATCH_REQUESTS,
      concurrency: 2,
      okStatus: (s) => s === 200,
      request: () => fetch(`${base}/api/orders/batch`, { method: "POST", headers: { ...auth, "idempotency-key": randomUUID() }, body: batchBody }),
    });

    const resources = { webRssMb: rssMb(web.pid!), workerRssMb: rssMb(worker.pid!), load: loadAverage(), workerMsPerOrder };
    print({ ping, orders, webhooks, quiet, burst, steady, backlog, resources, batch });
    for (const c of children) c.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1500));
    await sim.close();
    await mail.close();
    await db.$disconnect();
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1000));
    resource("drop-db", databaseUrl);
    resource("release-redis", redisUrl);
  }
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(cmd, args, { env, stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed`);
}

async function waitHealthy(url: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not become healthy`);
}

type Db = Awaited<typeof import("../../lib/db/client")>["db"];
async function forwardingLatency(db: Db, orderIds: string[]) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const pending = await db.supplierOrder.count({ where: { orderId: { in: orderIds }, submittedAt: null } });
    if (pending === 0 || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const rows = await db.supplierOrder.findMany({
    where: { orderId: { in: orderIds }, submittedAt: { not: null } },
    select: { submittedAt: true, order: { select: { createdAt: true } } },
  });
  const ms = rows.map((r) => r.submittedAt!.getTime() - r.order.createdAt.getTime()).sort((a, b) => a - b);
  return { n: ms.length, of: orderIds.length, p50: percentile(ms, 50), p99: percentile(ms, 99) };
}

type Measured = LoadResult & { webCpuMs: number; workerCpuMs: number };

function print(r: {
  ping: Measured;
  orders: Measured;
  webhooks: Measured;
  resources: { webRssMb: number; workerRssMb: number; load: string; workerMsPerOrder: number };
  batch: LoadResult;
  steady: LoadResult;
  backlog: number;
  quiet: { n: number; of: number; p50: number; p99: number };
  burst: { n: number; of: number; p50: number; p99: number };
}) {
  console.log(`\nOrder loop (production build, ${CONCURRENCY} concurrent clients, this machine: 2 cores)`);
  console.log(`  GET  /api/ping (empty handler)  ${fmt(r.ping)}`);
  console.log(`  POST /api/orders                ${fmt(r.orders)}`);
  console.log(`  POST /api/webhooks/phonex       ${fmt(r.webhooks)}`);
  console.log(`  webhook ack at a steady ${WEBHOOK_RATE}/s, worker busy ${fmt(r.steady)}   (worker backlog after: ${r.backlog} open jobs)`);
  console.log(
    `  orders vs empty handler: ${((r.orders.rps / r.ping.rps) * 100).toFixed(1)} %   webhooks vs empty handler: ${((r.webhooks.rps / r.ping.rps) * 100).toFixed(1)} %`,
  );
  console.log(
    `  forwarding latency (accepted → supplier acknowledged), quiet:        p50 ${r.quiet.p50} ms   p99 ${r.quiet.p99} ms   (${r.quiet.n}/${r.quiet.of})`,
  );
  console.log(
    `  forwarding latency, behind a burst of ${N_ORDERS} orders:           p50 ${r.burst.p50} ms   p99 ${r.burst.p99} ms   (${r.burst.n}/${r.burst.of})`,
  );
  const x = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : "n/a");
  console.log(
    `  web CPU per request (/proc): ping ${r.ping.webCpuMs.toFixed(2)} ms   order ${r.orders.webCpuMs.toFixed(2)} ms (${x(r.orders.webCpuMs, r.ping.webCpuMs)} the empty route)   webhook ${r.webhooks.webCpuMs.toFixed(2)} ms (${x(r.webhooks.webCpuMs, r.ping.webCpuMs)})`,
  );
  console.log(
    `  POST /api/orders/batch (${BATCH_SIZE} orders each, 2 at a time): ${(r.batch.rps * BATCH_SIZE).toFixed(0)} orders/s   p50 ${r.batch.p50.toFixed(0)} ms per batch   (${r.batch.ok}/${r.batch.total} ok)`,
  );
  console.log(`  worker CPU per order of the burst (forward + emails): ${r.resources.workerMsPerOrder.toFixed(2)} ms`);
  console.log(`  RSS after: web ${r.resources.webRssMb} MB, worker ${r.resources.workerRssMb} MB   load average ${r.resources.load}`);
}
