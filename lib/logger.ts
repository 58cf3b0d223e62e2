/**
 * JSON-lines logger. Values under keys that look secret are masked, so a
 * careless `log.info("x", { headers })` cannot leak a key or a signature.
 *
 * Every line carries the log context it is written in: `requestId` inside an
 * API request (lib/api/with-api.ts) and inside every job that request enqueued
 * (lib/queue/run-job.ts), or `requestIds` in a batch of several requests' work
 * (lib/coalesce.ts). The context travels with the async call chain (Node's
 * AsyncLocalStorage), so no signature has to pass it along.
 */
import { AsyncLocalStorage } from "node:async_hooks";

type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
const SECRET = /authorization|password|secret|token|api[-_]?key|signature|cookie|credentials/i;

/** What every line written in this context carries. */
export type LogContext = { requestId?: string; requestIds?: string[] };

// One store per process, even if a bundler loads this module more than once (Next's route bundles).
const STORE = Symbol.for("portal.logContext");
const g = globalThis as unknown as { [STORE]?: AsyncLocalStorage<LogContext> };
const storage: AsyncLocalStorage<LogContext> = (g[STORE] ??= new AsyncLocalStorage<LogContext>());

/** Run `fn` with this log context (lines, outbox rows and jobs started inside carry it). */
export function withLogContext<T>(ctx: LogContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

/**
 * From here on, this async function (and what it starts) runs in `ctx`: for code that learns its
 * context after an `await` (a job learns its request from its claim). The caller's context is
 * its own again when this function's promise settles.
 */
export function enterLogContext(ctx: LogContext): void {
  storage.enterWith(ctx);
}

/** The context this code runs in, if any. */
export function logContext(): LogContext | undefined {
  return storage.getStore();
}

/** The request this code works for: set in a request and in the jobs it enqueued; unset in a batch of several requests' work. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

function threshold() {
  const lvl = (process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info")) as Level | "silent";
  return order[lvl] ?? order.info;
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 5 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET.test(k) ? "[redacted]" : redact(v, depth + 1);
  return out;
}

type Capture = { min: number; lines: Record<string, unknown>[] };
const captures = new Set<Capture>();

function write(level: Level, msg: string, fields?: Record<string, unknown>) {
  const printed = order[level] >= threshold();
  if (!printed && captures.size === 0) return;
  const ctx = storage.getStore();
  const entry = { t: new Date().toISOString(), level, msg, ...ctx, ...(redact(fields ?? {}) as object) };
  for (const c of captures) if (order[level] >= c.min) c.lines.push(entry);
  if (printed) (level === "error" || level === "warn" ? process.stderr : process.stdout).write(JSON.stringify(entry) + "\n");
}

/**
 * Tests: keep every line from `level` up written in this process (whatever LOG_LEVEL prints)
 * until `stop()`, as the objects that would be printed.
 */
export function captureLogs(level: Level = "debug"): { lines: Record<string, unknown>[]; stop(): void } {
  const c: Capture = { min: order[level], lines: [] };
  captures.add(c);
  return { lines: c.lines, stop: () => void captures.delete(c) };
}

export const log = {
  debug: (m: string, f?: Record<string, unknown>) => write("debug", m, f),
  info: (m: string, f?: Record<string, unknown>) => write("info", m, f),
  warn: (m: string, f?: Record<string, unknown>) => write("warn", m, f),
  error: (m: string, f?: Record<string, unknown>) => write("error", m, f),
};
