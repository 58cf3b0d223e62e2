// The WesellCellular simulator (assumed contract, contracts.md §5) on PORT
// (default: the port of WSC_API_URL, else 4030). Run it with
//   npx tsx --import ./scripts/node-hooks.mjs scripts/wsc-simulator.ts
// Env is read here rather than through lib/env.ts, which demands the app's own
// variables. There are no webhooks to point anywhere: the portal polls.
import { z } from "zod";
import { log } from "../lib/logger";
import { startWscSimulatorServer } from "../lib/suppliers/wesellcellular/simulator/server";

const rate = z.coerce.number().min(0).max(1).optional();
const flag = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === "true" || v === "1"));

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  SIM_HOST: z.string().default("127.0.0.1"),
  WSC_API_URL: z.url().default("http://127.0.0.1:4030"),
  WSC_EMAIL: z.string().min(1, "WSC_EMAIL is needed: the simulator checks the login"),
  WSC_PASSWORD: z.string().min(1, "WSC_PASSWORD is needed: the simulator checks the login"),
  SIM_PACE_MS: z.coerce.number().int().min(1).optional(),
  SIM_AUTO_ADVANCE: flag,
  SIM_FAILURE_RATE: rate,
  SIM_FAIL_AFTER_CREATE_RATE: rate,
  SIM_LATENCY_MS: z.coerce.number().int().min(0).optional(),
  SIM_TOKEN_TTL_MS: z.coerce.number().int().min(1).optional(),
});

const parsed = schema.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
if (!parsed.success) {
  const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
  console.error(`Invalid simulator configuration:\n${lines.join("\n")}`);
  process.exit(1);
}
const e = parsed.data;
const port = e.PORT ?? (Number(new URL(e.WSC_API_URL).port) || 4030);

const running = await startWscSimulatorServer({
  port,
  host: e.SIM_HOST,
  email: e.WSC_EMAIL,
  password: e.WSC_PASSWORD,
  paceMs: e.SIM_PACE_MS,
  autoAdvance: e.SIM_AUTO_ADVANCE,
  failureRate: e.SIM_FAILURE_RATE,
  failAfterCreateRate: e.SIM_FAIL_AFTER_CREATE_RATE,
  latencyMs: e.SIM_LATENCY_MS,
  tokenTtlMs: e.SIM_TOKEN_TTL_MS,
});
// Never the password: the email says which account to log in with.
log.info("wsc-sim listening", { url: running.url, email: e.WSC_EMAIL, knobs: running.sim.state.knobs });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info("wsc-sim stopping", { signal });
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  await running.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
