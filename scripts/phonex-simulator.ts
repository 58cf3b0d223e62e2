// npm run sim:phonex: the PhoneX simulator on PORT (default: the port of
// PHONEX_API_URL, else 4010), posting signed webhooks to the app. Env is read
// here rather than through lib/env.ts, which demands the app's own variables.
import { z } from "zod";
import { startPhoneXSimulatorServer } from "../dev/simulators/phonex/server";
import { runSimulatorScript } from "../dev/simulators/kit/run-simulator-script";
import { envFlag, envRate, listenEnv, parseSimulatorEnv, simulatorPort } from "../dev/simulators/kit/simulator-env";

const e = parseSimulatorEnv(
  z.object({
    ...listenEnv,
    APP_URL: z.url().default("http://localhost:3000"),
    PHONEX_API_URL: z.url().default("http://127.0.0.1:4010"),
    PHONEX_API_KEY: z.string().min(1, "PHONEX_API_KEY is needed: the simulator checks the bearer key"),
    PHONEX_WEBHOOK_SECRET: z.string().min(1, "PHONEX_WEBHOOK_SECRET is needed to sign webhooks"),
    SIM_WEBHOOK_URL: z.url().optional(),
    SIM_PACE_MS: z.coerce.number().int().min(1).optional(),
    SIM_AUTO_ADVANCE: envFlag,
    SIM_FAILURE_RATE: envRate,
    SIM_FAIL_AFTER_CREATE_RATE: envRate,
    SIM_LATENCY_MS: z.coerce.number().int().min(0).optional(),
    SIM_DUPLICATE_RATE: envRate,
    SIM_OUT_OF_ORDER: envFlag,
    SIM_REJECT_SKUS: z.string().optional(),
  }),
);
const webhookUrl = e.SIM_WEBHOOK_URL ?? `${e.APP_URL.replace(/\/+$/, "")}/api/webhooks/phonex`;

await runSimulatorScript({
  name: "phonex-sim",
  start: () =>
    startPhoneXSimulatorServer({
      port: simulatorPort(e.PORT, e.PHONEX_API_URL, 4010),
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
      rejectSkus: e.SIM_REJECT_SKUS?.split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    }),
  describe: (running) => ({ url: running.url, webhookUrl, knobs: running.sim.state.knobs }),
});
