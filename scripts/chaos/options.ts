// Command-line flags of `npm run chaos` (see the header of index.ts).
import { parseArgs } from "node:util";

export type ChaosOptions = {
  orders: number;
  rate: number;
  retries: number;
  requestTimeoutMs: number;
  workers: number;
  workerConcurrency: number;
  kills: number;
  faultSeconds: number;
  restartDelayMs: number;
  redisRestarts: number;
  redisDownMs: number;
  pgRestarts: number;
  pgDownMs: number;
  failureRate: number;
  failAfterCreateRate: number;
  slowRate: number;
  slowMs: number;
  supplierTimeoutMs: number;
  duplicateRate: number;
  outOfOrder: boolean;
  paceMs: number;
  settleSeconds: number;
  quietSeconds: number;
  seed: number;
  help: boolean;
};

type Spec = { flag: string; key: keyof ChaosOptions; def: number; min: number; max: number; int: boolean; help: string };

const NUMERIC: Spec[] = [
  { flag: "orders", key: "orders", def: 300, min: 1, max: 100_000, int: true, help: "orders to place through POST /api/orders" },
  { flag: "rate", key: "rate", def: 20, min: 0.1, max: 1000, int: false, help: "orders per second (steady arrival, open loop)" },
  { flag: "retries", key: "retries", def: 5, min: 0, max: 20, int: true, help: "client retries per order on 5xx/409/429/timeout, same Idempotency-Key" },
  { flag: "request-timeout-ms", key: "requestTimeoutMs", def: 20_000, min: 100, max: 600_000, int: true, help: "client timeout of one API call" },
  { flag: "workers", key: "workers", def: 2, min: 1, max: 8, int: true, help: "worker processes" },
  { flag: "worker-concurrency", key: "workerConcurrency", def: 10, min: 1, max: 200, int: true, help: "WORKER_CONCURRENCY of each worker" },
  { flag: "kills", key: "kills", def: 20, min: 0, max: 1000, int: true, help: "worker SIGKILLs in total (each worker restarted after)" },
  { flag: "fault-seconds", key: "faultSeconds", def: 40, min: 1, max: 3600, int: false, help: "fault window, at least as long as placing the orders takes" },
  { flag: "restart-delay-ms", key: "restartDelayMs", def: 500, min: 0, max: 60_000, int: true, help: "pause before a killed worker is started again" },
  { flag: "redis-restarts", key: "redisRestarts", def: 1, min: 0, max: 10, int: true, help: "restarts of the run's own Redis (data lost)" },
  { flag: "redis-down-ms", key: "redisDownMs", def: 2000, min: 0, max: 600_000, int: true, help: "pause between stopping Redis and starting it again" },
  { flag: "pg-restarts", key: "pgRestarts", def: 1, min: 0, max: 10, int: true, help: "restarts of the run's own Postgres cluster" },
  {
    flag: "pg-down-ms",
    key: "pgDownMs",
    def: 2000,
    min: 0,
    max: 600_000,
    int: true,
    help: "pause between stopping Postgres and starting it again (stop and start take seconds more)",
  },
  { flag: "failure-rate", key: "failureRate", def: 0.2, min: 0, max: 1, int: false, help: "PhoneX creates answered 500 before creating" },
  { flag: "fail-after-create-rate", key: "failAfterCreateRate", def: 0.05, min: 0, max: 1, int: false, help: "PhoneX creates answered 500 after creating" },
  { flag: "slow-rate", key: "slowRate", def: 0.05, min: 0, max: 1, int: false, help: "PhoneX creates answered late (after --slow-ms)" },
  { flag: "slow-ms", key: "slowMs", def: 4000, min: 0, max: 600_000, int: true, help: "how late a late answer comes (> --supplier-timeout-ms)" },
  {
    flag: "supplier-timeout-ms",
    key: "supplierTimeoutMs",
    def: 2000,
    min: 100,
    max: 600_000,
    int: true,
    help: "the PhoneX supplier's timeoutMs in the portal",
  },
  { flag: "duplicate-rate", key: "duplicateRate", def: 0.2, min: 0, max: 1, int: false, help: "webhooks PhoneX delivers twice" },
  { flag: "pace-ms", key: "paceMs", def: 1000, min: 1, max: 3_600_000, int: true, help: "PhoneX lifecycle step pace (received → … → delivered)" },
  { flag: "settle-seconds", key: "settleSeconds", def: 180, min: 0, max: 3600, int: false, help: "longest wait for the system to settle after the faults" },
  { flag: "quiet-seconds", key: "quietSeconds", def: 20, min: 1, max: 3600, int: false, help: "settled once nothing changed for this long" },
  { flag: "seed", key: "seed", def: -1, min: -1, max: 2 ** 31 - 1, int: true, help: "seed of the fault schedule and order mix" },
];

export function usage(): string {
  const lines = NUMERIC.map((s) => `  --${s.flag.padEnd(24)} ${s.help} (default ${s.flag === "seed" ? "random" : s.def})`);
  lines.push(`  --${"in-order".padEnd(24)} deliver webhooks in order (default: out of order)`);
  lines.push(`  --${"help".padEnd(24)} this text`);
  return `npm run chaos -- [flags]\n${lines.join("\n")}`;
}

export function parseOptions(argv: string[]): ChaosOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...Object.fromEntries(NUMERIC.map((s) => [s.flag, { type: "string" as const }])),
      "in-order": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  const out: Record<string, number | boolean> = {};
  for (const s of NUMERIC) {
    const raw = (values as Record<string, string | boolean | undefined>)[s.flag];
    const v = raw === undefined ? s.def : Number(raw);
    if (typeof raw === "string" && (raw.trim() === "" || !Number.isFinite(v))) throw new Error(`--${s.flag}: not a number: ${raw}`);
    if (s.int && !Number.isInteger(v)) throw new Error(`--${s.flag}: must be a whole number`);
    if (v < s.min || v > s.max) throw new Error(`--${s.flag}: must be within ${s.min}..${s.max}`);
    out[s.key] = v;
  }
  const opts = { ...out, outOfOrder: !values["in-order"], help: Boolean(values.help) } as ChaosOptions;
  if (opts.seed < 0) opts.seed = Math.floor(Math.random() * 2 ** 31);
  return opts;
}

/** A small seeded PRNG (mulberry32), so a seed reproduces the fault schedule and the order mix. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
