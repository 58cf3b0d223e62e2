import { z } from "zod";

/**
 * All configuration, from the environment, validated once. A missing or bad
 * variable stops the process with a message that names it.
 */
const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.url({ message: "DATABASE_URL must be a postgres:// URL" }),
  /** Connections per process (web and worker each): web intake and webhook bursts wait for one, up to 10 s. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(500).default(20),
  REDIS_URL: z.url({ message: "REDIS_URL must be a redis:// URL" }).default("redis://127.0.0.1:6379"),
  APP_URL: z.url().default("http://localhost:3000"),
  AUTH_SECRET: z.string().min(16, "AUTH_SECRET must be at least 16 characters"),
  CREDENTIALS_KEY: z.string().regex(/^[0-9a-fA-F]{64}$|^[A-Za-z0-9+/]{43}=$/, "CREDENTIALS_KEY must be 32 bytes as 64 hex chars or base64"),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL must be smtp:// or smtps://")
    .default("smtp://127.0.0.1:1025"),
  MAIL_FROM: z.string().min(3).default("PhoneX Portal <orders@portal.local>"),
  /** The ops team mailbox: ops alerts go here and to each active staff user (lib/notifications/staff-recipients.ts). */
  OPS_EMAIL: z.string().email().default("ops@portal.local"),
  PHONEX_API_URL: z.url().default("http://127.0.0.1:4010"),
  PHONEX_API_KEY: z.string().default(""),
  /** Comma separated during rotation: a signature made with any of them is accepted. */
  PHONEX_WEBHOOK_SECRET: z.string().default(""),
  CJ_API_URL: z.url().default("http://127.0.0.1:4020/api2.0/v1"),
  CJ_API_KEY: z.string().default(""),
  /** The CJ account's openId, the key CJ signs webhooks with (seeds the supplier's credentials). */
  CJ_OPEN_ID: z.string().default(""),
  WSC_API_URL: z.url().default("http://127.0.0.1:4030"),
  WSC_EMAIL: z.string().default(""),
  WSC_PASSWORD: z.string().default(""),
  DEMO_API_KEY: z.string().default(""),
  /** Requests per minute per caller on the order API. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Forwarding attempts before an order is marked failed. */
  FORWARD_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  FORWARD_BACKOFF_MS: z.coerce.number().int().min(1).default(1000),
  /**
   * Jobs each busy queue (forwarding, webhooks, email) runs at once. They mostly wait (on a
   * supplier, on SMTP) and the ones running together share their statements, so more slots
   * mean bigger batches and less CPU per job: sustained end to end on the 2-core bench, 20 slots
   * did ~175 orders/s, 50 ~229, 100 ~259. An idle slot costs nothing (BullMQ waits on one
   * blocking call per queue).
   */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(100),
  /**
   * The worker process's CPU priority (nice, 0–19). On a machine it shares with the web
   * process, answering resellers and suppliers comes first and queued work waits a moment.
   */
  WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /**
   * Forwarding first (workers/forwards-first.ts): while more than WORKER_FORWARD_BACKLOG forwards
   * are in flight in a worker, its email queue runs only WORKER_EMAIL_SLOTS_WHILE_FORWARDING slots.
   */
  WORKER_FORWARD_BACKLOG: z.coerce.number().int().min(1).default(20),
  WORKER_EMAIL_SLOTS_WHILE_FORWARDING: z.coerce.number().int().min(1).default(4),
  /** How long a job stays locked to a worker that stopped answering (crash) before another takes it. */
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  /** How often the reconciler looks for supplier orders that have gone quiet. */
  RECONCILE_EVERY_MS: z.coerce.number().int().min(200).default(60_000),
  /** A supplier order with webhooks that has not changed for this long is polled (a missed webhook cannot leave it stuck). */
  RECONCILE_AFTER_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(10 * 60_000),
  /** Suppliers without webhooks (WesellCellular) are polled this often per open order. */
  POLL_EVERY_MS: z.coerce.number().int().min(100).default(60_000),
  /**
   * A job's lease in Postgres while a worker runs it (renewed every third of it):
   * a job whose worker died is put back by the recovery pass this long after.
   */
  JOB_LEASE_MS: z.coerce.number().int().min(1000).default(15_000),
  /** How often a worker looks for outbound webhook deliveries that are due (lib/outbound). */
  WEBHOOK_DELIVERY_EVERY_MS: z.coerce.number().int().min(100).default(1000),
  /** An offer no one answered expires this long after it was made or last countered. */
  OFFER_EXPIRY_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(48),
  /** How often the worker expires offers whose time is up (a job scheduler, not a timer in a process). */
  OFFER_EXPIRY_EVERY_MS: z.coerce.number().int().min(200).default(10_000),
  /** How often the worker recomputes the suppliers' scorecard scores that routing reads (a job scheduler). */
  SCORE_REFRESH_EVERY_MS: z.coerce.number().int().min(200).default(300_000),
  /** How often the exceptions queue is scanned (its SLA timers' resolution). */
  EXCEPTION_SCAN_EVERY_MS: z.coerce.number().int().min(200).default(60_000),
  /** Stock alerts a user chose to get as a digest are emailed once a day, at this hour (UTC). */
  STOCK_DIGEST_HOUR_UTC: z.coerce.number().int().min(0).max(23).default(7),
  /** How often the fleet-wide recovery pass looks in Postgres for work Redis lost. */
  RECOVERY_EVERY_MS: z.coerce.number().int().min(200).default(5000),
  /** Work younger than this is left to the normal path (commit, then enqueue) before recovery steps in. */
  RECOVERY_GRACE_MS: z.coerce.number().int().min(0).default(2000),
  SUPPLIER_BREAKER_THRESHOLD: z.coerce.number().int().min(1).default(5),
  SUPPLIER_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(100).default(30_000),
  SUPPLIER_RATE_WINDOW_MS: z.coerce.number().int().min(1000).default(1200),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  SECURE_COOKIES: bool,
  /**
   * The demo (npm run demo): the sign-in page shows the demo logins, owners may create pk_test_
   * keys (every supplier is a simulator there), and outbound webhooks may go to local addresses.
   */
  DEMO_MODE: bool,
  /** Sign-in attempts allowed per account and per client address in SIGNIN_WINDOW_SECONDS. */
  SIGNIN_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  SIGNIN_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(50),
  SIGNIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /** How long an invitation link and a password-reset link work. */
  INVITE_TTL_HOURS: z.coerce.number().int().min(1).default(72),
  PASSWORD_RESET_TTL_MINUTES: z.coerce.number().int().min(5).default(60),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration (see .env.example):\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** The validated environment (parsed on first use). */
export function env(): Env {
  cached ??= loadEnv();
  return cached;
}

/** Tests that change process.env call this to re-read it. */
export function resetEnvCache() {
  cached = undefined;
}
