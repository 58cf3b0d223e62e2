// The CJ Dropshipping simulator on PORT (default: the port of CJ_API_URL, else
// 4020), serving API 2.0 under /api2.0/v1 and posting signed webhooks (key =
// CJ_OPEN_ID) to the app. Run: tsx --import ./scripts/node-hooks.mjs scripts/cj-simulator.ts
// Env is read here rather than through lib/env.ts, which demands the app's own variables.
import { z } from "zod";
import { log } from "../lib/logger";
import { DEFAULT_OPEN_ID } from "../lib/suppliers/cj/simulator";
import { startCjSimulatorServer } from "../lib/suppliers/cj/simulator/server";

const rate = z.coerce.number().min(0).max(1).optional();
const int = z.coerce.number().int().min(0).optional();
const flag = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === "true" || v === "1"));

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  SIM_HOST: z.string().default("127.0.0.1"),
  APP_URL: z.url().default("http://localhost:3000"),
  CJ_API_URL: z.url().default("http://127.0.0.1:4020/api2.0/v1"),
  CJ_API_KEY: z.string().min(1, "CJ_API_KEY is needed: the simulator only issues tokens for this key"),
  /** The app verifies webhooks with the supplier's credentials.openId: the two must match. */
  CJ_OPEN_ID: z.string().min(1).default(DEFAULT_OPEN_ID),
  SIM_WEBHOOK_URL: z.url().optional(),
  SIM_PACE_MS: z.coerce.number().int().min(1).optional(),
  SIM_AUTO_ADVANCE: flag,
  SIM_FAILURE_RATE: rate,
  SIM_FAIL_AFTER_CREATE_RATE: rate,
  SIM_FAIL_AFTER_CREATE_MODE: z.enum(["error", "timeout"]).optional(),
  SIM_LATENCY_MS: int,
  SIM_DUPLICATE_RATE: rate,
  SIM_OUT_OF_ORDER: flag,
  SIM_INSUFFICIENT_BALANCE: flag,
  SIM_QPS: int,
  SIM_ACCESS_TOKEN_TTL_MS: z.coerce.number().int().min(1).optional(),
  SIM_QUOTA: int,
});

const parsed = schema.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
if (!parsed.success) {
  const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
  console.error(`Invalid CJ simulator configuration:\n${lines.join("\n")}`);
  process.exit(1);
}
const e = parsed.data;
const port = e.PORT ?? (Number(new URL(e.CJ_API_URL).port) || 4020);
const webhookUrl = e.SIM_WEBHOOK_URL ?? `${e.APP_URL.replace(/\/+$/, "")}/api/webhooks/cj`;

const running = await startCjSimulatorServer({
  port,
  host: e.SIM_HOST,
  apiKey: e.CJ_API_KEY,
  openId: e.CJ_OPEN_ID,
  webhookUrl,
  paceMs: e.SIM_PACE_MS,
  autoAdvance: e.SIM_AUTO_ADVANCE,
  failureRate: e.SIM_FAILURE_RATE,
  failAfterCreateRate: e.SIM_FAIL_AFTER_CREATE_RATE,
  failAfterCreateMode: e.SIM_FAIL_AFTER_CREATE_MODE,
  latencyMs: e.SIM_LATENCY_MS,
  duplicateRate: e.SIM_DUPLICATE_RATE,
  outOfOrder: e.SIM_OUT_OF_ORDER,
  insufficientBalance: e.SIM_INSUFFICIENT_BALANCE,
  qps: e.SIM_QPS,
  accessTokenTtlMs: e.SIM_ACCESS_TOKEN_TTL_MS,
  quota: e.SIM_QUOTA,
});
log.info("cj-sim listening", { url: running.apiUrl, webhookUrl, openId: e.CJ_OPEN_ID, knobs: running.sim.state.knobs });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info("cj-sim stopping", { signal });
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  await running.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
