// The WesellCellular simulator (assumed contract, docs/suppliers.md (WesellCellular)) on PORT
// (default: the port of WSC_API_URL, else 4030). Run it with
//   npx tsx --import ./scripts/node-hooks.mjs scripts/wsc-simulator.ts
// Env is read here rather than through lib/env.ts, which demands the app's own
// variables. There are no webhooks to point anywhere: the portal polls.
import { z } from "zod";
import { runSimulatorScript } from "../dev/simulators/kit/run-simulator-script";
import { envFlag, envRate, listenEnv, parseSimulatorEnv, simulatorPort } from "../dev/simulators/kit/simulator-env";
import { startWscSimulatorServer } from "../dev/simulators/wesellcellular/server";

const e = parseSimulatorEnv(
  z.object({
    ...listenEnv,
    WSC_API_URL: z.url().default("http://127.0.0.1:4030"),
    WSC_EMAIL: z.string().min(1, "WSC_EMAIL is needed: the simulator checks the login"),
    WSC_PASSWORD: z.string().min(1, "WSC_PASSWORD is needed: the simulator checks the login"),
    SIM_PACE_MS: z.coerce.number().int().min(1).optional(),
    SIM_AUTO_ADVANCE: envFlag,
    SIM_FAILURE_RATE: envRate,
    SIM_FAIL_AFTER_CREATE_RATE: envRate,
    SIM_LATENCY_MS: z.coerce.number().int().min(0).optional(),
    SIM_TOKEN_TTL_MS: z.coerce.number().int().min(1).optional(),
  }),
);

await runSimulatorScript({
  name: "wsc-sim",
  start: () =>
    startWscSimulatorServer({
      port: simulatorPort(e.PORT, e.WSC_API_URL, 4030),
      host: e.SIM_HOST,
      email: e.WSC_EMAIL,
      password: e.WSC_PASSWORD,
      paceMs: e.SIM_PACE_MS,
      autoAdvance: e.SIM_AUTO_ADVANCE,
      failureRate: e.SIM_FAILURE_RATE,
      failAfterCreateRate: e.SIM_FAIL_AFTER_CREATE_RATE,
      latencyMs: e.SIM_LATENCY_MS,
      tokenTtlMs: e.SIM_TOKEN_TTL_MS,
    }),
  // Never the password: the email says which account to log in with.
  describe: (running) => ({ url: running.url, email: e.WSC_EMAIL, knobs: running.sim.state.knobs }),
});
