// The CJ Dropshipping simulator on PORT (default: the port of CJ_API_URL, else
// 4020), serving API 2.0 under /api2.0/v1 and posting signed webhooks (key =
// CJ_OPEN_ID) to the app. Run: tsx --import ./scripts/node-hooks.mjs scripts/cj-simulator.ts
// Env is read here rather than through lib/env.ts, which demands the app's own variables.
import { z } from "zod";
import { DEFAULT_OPEN_ID } from "../dev/simulators/cj";
import { startCjSimulatorServer } from "../dev/simulators/cj/server";
import { runSimulatorScript } from "../dev/simulators/kit/run-simulator-script";
import { envFlag, envRate, listenEnv, parseSimulatorEnv, simulatorPort } from "../dev/simulators/kit/simulator-env";

const int = z.coerce.number().int().min(0).optional();

const e = parseSimulatorEnv(
  z.object({
    ...listenEnv,
    APP_URL: z.url().default("http://localhost:3000"),
    CJ_API_URL: z.url().default("http://127.0.0.1:4020/api2.0/v1"),
    CJ_API_KEY: z.string().min(1, "CJ_API_KEY is needed: the simulator only issues tokens for this key"),
    /** The app verifies webhooks with the supplier's credentials.openId: the two must match. */
    CJ_OPEN_ID: z.string().min(1).default(DEFAULT_OPEN_ID),
    SIM_WEBHOOK_URL: z.url().optional(),
    SIM_PACE_MS: z.coerce.number().int().min(1).optional(),
    SIM_AUTO_ADVANCE: envFlag,
    SIM_FAILURE_RATE: envRate,
    SIM_FAIL_AFTER_CREATE_RATE: envRate,
    SIM_FAIL_AFTER_CREATE_MODE: z.enum(["error", "timeout"]).optional(),
    SIM_LATENCY_MS: int,
    SIM_DUPLICATE_RATE: envRate,
    SIM_OUT_OF_ORDER: envFlag,
    SIM_INSUFFICIENT_BALANCE: envFlag,
    SIM_QPS: int,
    SIM_ACCESS_TOKEN_TTL_MS: z.coerce.number().int().min(1).optional(),
    SIM_QUOTA: int,
  }),
  "CJ simulator",
);
const webhookUrl = e.SIM_WEBHOOK_URL ?? `${e.APP_URL.replace(/\/+$/, "")}/api/webhooks/cj`;

await runSimulatorScript({
  name: "cj-sim",
  start: () =>
    startCjSimulatorServer({
      port: simulatorPort(e.PORT, e.CJ_API_URL, 4020),
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
    }),
  describe: (running) => ({ url: running.apiUrl, webhookUrl, openId: e.CJ_OPEN_ID, knobs: running.sim.state.knobs }),
});
