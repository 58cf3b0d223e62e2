// npm run sim:phonex: the PhoneX simulator on PORT (default: the port of
// PHONEX_API_URL, else 4010), posting signed webhooks to the app. Env is read
// here rather than through lib/env.ts, which demands the app's own variables.
import { z } from "zod";
import { log } from "../lib/logger";
import { startPhoneXSimulatorServer } from "../lib/suppliers/phonex/simulator/server";

const rate = z.coerce.number().min(0).max(1).optional();
const flag = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === "true" || v === "1"));

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  SIM_HOST: z.string().default("127.0.0.1"),
  APP_URL: z.url().default("http://localhost:3000"),
  PHONEX_API_URL: z.url().default("http://127.0.0.1:4010"),
  PHONEX_API_KEY: z.string().min(1, "PHONEX_API_KEY is needed: the simulator checks the bearer key"),
  PHONEX_WEBHOOK_SECRET: z.string().min(1, "PHONEX_WEBHOOK_SECRET is needed to sign webhooks"),
  SIM_WEBHOOK_URL: z.url().optional(),
  SIM_PACE_MS: z.coerce.number().int().min(1).optional(),
  SIM_AUTO_ADVANCE: flag,
  SIM_FAILURE_RATE: rate,
  SIM_FAIL_AFTER_CREATE_RATE: rate,
  SIM_LATENCY_MS: z.coerce.number().int().min(0).optional(),
  SIM_DUPLICATE_RATE: rate,
  SIM_OUT_OF_ORDER: flag,
  SIM_REJECT_SKUS: z.string().optional(),
});

const parsed = schema.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
if (!parsed.success) {
  const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
  console.error(`Invalid simulator configuration:\n${lines.join("\n")}`);
  process.exit(1);
}
const e = parsed.data;
const port = e.PORT ?? (Number(new URL(e.PHONEX_API_URL).port) || 4010);
const webhookUrl = e.SIM_WEBHOOK_URL ?? `${e.APP_URL.replace(/\/+$/, "")}/api/webhooks/phonex`;

const running = await startPhoneXSimulatorServer({
  port,
  host: e.SIM_HOST,
  apiKey: e.PHONEX_API_KEY,
  // The app accepts any of its comma-separated secrets; signing needs just one.
  webhookSecret: e.PHONEX_WEBHOOK_SECRET.split(",")[0]!.trim(),
  webhookUrl,
  paceMs: e.SIM_PACE_MS,
  autoAdvance: e.SIM_AUTO_ADVANCE,
  failureRate: e.SIM_FAILURE_RATE,
  failAfterCreateRate: e.SIM_FAIL_AFTER_CREATE_RATE,
  latencyMs: e.SIM_LATENCY_MS,
  duplicateRate: e.SIM_DUPLICATE_RATE,
  outOfOrder: e.SIM_OUT_OF_ORDER,
  rejectSkus: e.SIM_REJECT_SKUS?.split(",").map((s) => s.trim()).filter(Boolean),
});
log.info("phonex-sim listening", { url: running.url, webhookUrl, knobs: running.sim.state.knobs });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info("phonex-sim stopping", { signal });
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  await running.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
