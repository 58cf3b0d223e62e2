// Postgres or Redis goes away under a running app and worker, and
// comes back. A separate app process and a worker process reach both only
// through TCP proxies, which the test stops (the dependency vanishes: new
// connections refused, open ones cut) and starts again on the same port. The
// shared Postgres and Redis are never touched.
//
// Proves: while Postgres is away the API and the webhook receiver answer 503
// `unavailable` with Retry-After (never 500) and /api/health names the db;
// while Redis is away orders are still taken (201) and signed webhooks stored
// (202), and /api/health names redis; when each returns, the same processes
// heal by themselves: new orders are taken and forwarded, and the work held in
// Postgres during the Redis outage is forwarded / applied.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { signPhoneX } from "../../lib/suppliers/phonex/signature";
import { address, API_KEY, harness, resetState, seedWorld, waitFor } from "../helpers/harness";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy";

const VERBOSE = process.env.OUTAGE_VERBOSE === "1";
const WAIT = { timeoutMs: 30_000 };

type Proc = { name: string; proc: ChildProcess; output: string[] };
const procs: Proc[] = [];
let pgProxy: TcpProxy | null = null;
let redisProxy: TcpProxy | null = null;
let appUrl = "";
let world: Awaited<ReturnType<typeof seedWorld>>;

/** The same URL with host and port swapped for the proxy's (database / db number kept). */
function viaProxy(url: string, proxy: TcpProxy) {
  const u = new URL(url);
  u.hostname = proxy.host;
  u.port = String(proxy.port);
  return u.toString();
}

function hostPort(url: string, defaultPort: number) {
  const u = new URL(url);
  return { host: u.hostname || "127.0.0.1", port: Number(u.port || defaultPort) };
}

function spawnChild(name: string, script: string, env: NodeJS.ProcessEnv): Proc {
  const proc = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/node-hooks.mjs", script], {
    env,
    // stdin is a pipe: the child stops by itself if this process dies (see the *-main.ts helpers).
    stdio: ["pipe", "pipe", "pipe"],
  });
  const p: Proc = { name, proc, output: [] };
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line) continue;
      p.output.push(line);
      if (p.output.length > 400) p.output.shift();
      if (VERBOSE) console.log(`[${name}] ${line.slice(0, 600)}`);
    }
  };
  proc.stdout!.on("data", collect);
  proc.stderr!.on("data", collect);
  procs.push(p);
  return p;
}

async function stopChild(p: Proc) {
  const { proc } = p;
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  proc.kill("SIGTERM");
  const timer = setTimeout(() => proc.kill("SIGKILL"), 8000);
  await exited;
  clearTimeout(timer);
}

/** Fetch the CHILD app; a request that hangs fails the test with its name rather than the whole timeout. */
async function call(path: string, init: RequestInit & { json?: unknown; key?: string | null; timeoutMs?: number } = {}) {
  const headers = new Headers(init.headers);
  if (init.key !== null) headers.set("authorization", `Bearer ${init.key ?? API_KEY}`);
  if (init.json !== undefined) headers.set("content-type", "application/json");
  const started = Date.now();
  const res = await fetch(`${appUrl}${path}`, {
    ...init,
    headers,
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    signal: AbortSignal.timeout(init.timeoutMs ?? 15_000),
  });
  const text = await res.text();
  let body: any = text; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  const ms = Date.now() - started;
  if (VERBOSE) console.log(`${init.method ?? "GET"} ${path} -> ${res.status} in ${ms} ms ${text.slice(0, 300)}`);
  return { status: res.status, headers: res.headers, body, ms };
}

const placeOrder = (idempotencyKey: string = randomUUID()) =>
  call("/api/orders", {
    method: "POST",
    headers: { "Idempotency-Key": idempotencyKey },
    json: { items: [{ sku: world.skus[0], quantity: 1 }], shippingAddress: address, reference: `PO-${idempotencyKey.slice(0, 8)}` },
  });

/** A correctly signed PhoneX webhook (docs/api.md (PhoneX webhooks)) sent to the child app. */
function sendWebhook(body: unknown, eventId = `evt_${randomUUID()}`) {
  const raw = JSON.stringify(body);
  const ts = Math.floor(Date.now() / 1000);
  return call("/api/webhooks/phonex", {
    method: "POST",
    key: null,
    body: raw,
    headers: {
      "content-type": "application/json",
      "x-phonex-event-id": eventId,
      "x-phonex-timestamp": String(ts),
      "x-phonex-signature": signPhoneX(process.env.PHONEX_WEBHOOK_SECRET!, ts, raw),
    },
  });
}

const statusUpdate = (number: string, status: string) => ({
  event: "order.status_updated",
  order_id: number,
  supplier_order_id: null,
  status,
  tracking_number: null,
  carrier: null,
  updated_at: new Date().toISOString(),
});

const orderStatus = async (id: string) => (await db.order.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
const submitted = (id: string, what: string) => waitFor(async () => (await orderStatus(id)) === "submitted", { ...WAIT, what });

function expectUnavailable(r: Awaited<ReturnType<typeof call>>, what: string) {
  expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBe(503);
  expect(r.body?.error?.code, what).toBe("unavailable");
  expect(Number(r.headers.get("retry-after")), `${what}: Retry-After`).toBeGreaterThan(0);
}

/** The app process logs "unhandled error in route" for every 500 it answers. */
const unhandledInApp = () => procs.find((p) => p.name === "app")?.output.filter((l) => l.includes("unhandled error in route")) ?? [];

beforeAll(async () => {
  await resetState();
  world = await seedWorld();
  // No lifecycle of its own: the statuses seen here are the ones this test causes.
  harness().phonex.sim.configure({ autoAdvance: false });

  pgProxy = await startTcpProxy(hostPort(process.env.DATABASE_URL!, 5432));
  redisProxy = await startTcpProxy(hostPort(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", 6379));
  const env = {
    ...process.env,
    DATABASE_URL: viaProxy(process.env.DATABASE_URL!, pgProxy),
    REDIS_URL: viaProxy(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", redisProxy),
    LOG_LEVEL: "warn",
  };

  const app = spawnChild("app", "tests/helpers/app-server-main.ts", { ...env, APP_PORT: "0" });
  appUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app process did not start:\n${app.output.join("\n")}`)), 60_000);
    app.proc.once("exit", (code) => reject(new Error(`app process exited (${code}):\n${app.output.join("\n")}`)));
    app.proc.stdout!.on("data", () => {
      for (const line of app.output) {
        const m = /^\{"url":"([^"]+)"\}$/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      }
    });
  });
  spawnChild("worker", "tests/helpers/worker-main.ts", env);
  // The first request to each route compiles its modules (tsx) in the fresh process: do that now,
  // so the timings measured below are the outage's, not the cold start's.
  await call("/api/health", { timeoutMs: 60_000 });
  await call("/api/orders", { timeoutMs: 60_000 });
  await call(`/api/orders/${randomUUID()}`, { timeoutMs: 60_000 });
  await call("/api/webhooks/phonex", { key: null, timeoutMs: 60_000 }); // GET: loads the route, answers 404
});

afterEach((ctx) => {
  // A failure shows what the app and worker processes logged (OUTAGE_VERBOSE=1 streams it all).
  if (ctx.task.result?.state !== "fail" || VERBOSE) return;
  for (const p of procs) console.log(`--- last lines of the ${p.name} process ---\n${p.output.slice(-60).join("\n")}`);
});

afterAll(async () => {
  // Back up first, so the children can drain and exit cleanly.
  await pgProxy?.start().catch(() => undefined);
  await redisProxy?.start().catch(() => undefined);
  await Promise.all(procs.map((p) => stopChild(p).catch(() => p.proc.kill("SIGKILL"))));
  await pgProxy?.stop();
  await redisProxy?.stop();
});

describe("outages of Postgres and Redis under a running app and worker", () => {
  let first: { id: string; number: string };

  it("with everything up, an order placed through the app process is forwarded by the worker process", async () => {
    const r = await waitFor(
      async () => {
        const res = await placeOrder("outage-first");
        return res.status === 201 ? res : null;
      },
      { ...WAIT, what: "the app process to take an order" },
    );
    expect(r.status).toBe(201);
    first = { id: r.body.id, number: r.body.number };
    await submitted(first.id, "first order submitted (worker process up)");
    expect((await call("/api/health")).status).toBe(200);
  });

  describe("Postgres away", () => {
    beforeAll(async () => {
      await pgProxy!.stop();
    });

    it("POST /api/orders answers 503 unavailable with Retry-After", async () => {
      expectUnavailable(await placeOrder(), "POST /api/orders");
    });

    it("GET /api/orders and GET /api/orders/{id} answer 503 unavailable", async () => {
      expectUnavailable(await call("/api/orders"), "GET /api/orders");
      expectUnavailable(await call(`/api/orders/${first.id}`), "GET /api/orders/{id}");
    });

    it("a signed webhook answers 503 unavailable (the supplier retries)", async () => {
      expectUnavailable(await sendWebhook(statusUpdate(first.number, "processing")), "POST /api/webhooks/phonex");
    });

    it("GET /api/health answers 503 with db down, redis ok", async () => {
      const h = await call("/api/health");
      expect(h.status).toBe(503);
      expect(h.body).toMatchObject({ status: "degraded", db: "down", redis: "ok" });
    });

    it("answers fast and never 500 while it lasts", async () => {
      for (let i = 0; i < 3; i++) {
        const rs = [await placeOrder(), await call("/api/orders"), await call(`/api/orders/${first.id}`)];
        for (const r of rs) {
          expect(r.status).toBe(503);
          expect(r.ms).toBeLessThan(7000);
        }
      }
      expect(unhandledInApp()).toEqual([]);
    });
  });

  describe("Postgres back", () => {
    it("the same app and worker processes take and forward orders again within seconds", async () => {
      await pgProxy!.start();
      const key = randomUUID();
      const t0 = Date.now();
      // Retried with the same key, as a client told "Retry-After" would.
      const r = await waitFor(
        async () => {
          const res = await placeOrder(key);
          return res.status === 201 ? res : null;
        },
        { timeoutMs: 15_000, what: "201 after Postgres returned" },
      );
      expect(Date.now() - t0).toBeLessThan(15_000);
      await submitted(r.body.id, "order placed after Postgres returned submitted");
      expect((await call("/api/health")).body).toMatchObject({ db: "ok", redis: "ok" });
    });
  });

  describe("Redis away, then back", () => {
    let during: { id: string; number: string };
    let webhookEventId: string;

    beforeAll(async () => {
      await redisProxy!.stop();
    });

    it("GET /api/health answers 503 with redis down, db ok", async () => {
      const h = await call("/api/health");
      expect(h.status).toBe(503);
      expect(h.body).toMatchObject({ status: "degraded", db: "ok", redis: "down" });
    });

    it("POST /api/orders still answers 201 (committed in Postgres; the enqueue failed)", async () => {
      const r = await placeOrder();
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      // Bounded, though not instant: the rate limit waits 250 ms for Redis, the enqueue 1 s, and the
      // live-update XADD (lib/events/publish.ts) as long as ioredis takes to give up (up to ~6 s).
      expect(r.ms).toBeLessThan(10_000);
      during = { id: r.body.id, number: r.body.number };
      // The forwarding job is held in Postgres, for the recovery pass to queue once Redis is back.
      const so = await db.supplierOrder.findFirstOrThrow({ where: { orderId: during.id } });
      expect(await db.outboxMessage.count({ where: { subject: `forward:${so.id}`, status: "open" } })).toBe(1);
    });

    it("a signed webhook for an existing order answers 202 (stored in Postgres)", async () => {
      const r = await sendWebhook(statusUpdate(first.number, "processing"), "evt_during_redis_outage");
      expect(r.status, JSON.stringify(r.body)).toBe(202);
      expect(r.ms).toBeLessThan(7000);
      const row = await db.webhookEvent.findFirstOrThrow({ where: { dedupeKey: "evt_during_redis_outage" } });
      expect(row).toMatchObject({ verified: true, processedAt: null });
      webhookEventId = row.id;
    });

    it("nothing moves while Redis is away (the worker cannot get jobs)", async () => {
      await new Promise((r) => setTimeout(r, 3000));
      expect(await orderStatus(during.id)).toBe("pending");
      expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: webhookEventId } })).processedAt).toBeNull();
      expect(await orderStatus(first.id)).toBe("submitted");
      expect(unhandledInApp()).toEqual([]);
    });

    it("when Redis returns, the held order is forwarded and the webhook applied, with no restart", async () => {
      await redisProxy!.start();
      const t0 = Date.now();
      await submitted(during.id, "order placed during the Redis outage submitted");
      await waitFor(async () => (await db.webhookEvent.findUniqueOrThrow({ where: { id: webhookEventId } })).processedAt !== null, {
        ...WAIT,
        what: "webhook received during the Redis outage processed",
      });
      expect(Date.now() - t0).toBeLessThan(20_000);
      expect(await orderStatus(first.id)).toBe("processing");
      await waitFor(async () => (await call("/api/health")).status === 200, { ...WAIT, what: "health 200 again" });
      // The very same processes did it.
      for (const p of procs) expect(p.proc.exitCode, `${p.name} still running`).toBeNull();
      expect(unhandledInApp()).toEqual([]);
    });
  });
});
