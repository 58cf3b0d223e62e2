import "server-only";
import type { Server } from "node:http";
import { log } from "../../../lib/logger";
import { serveFetchHandler, type ListenOptions } from "../kit/serve-fetch-handler";
import { createPhoneXSimulator, type PhoneXSimulator, type PhoneXSimulatorOptions } from "./simulator";

// Kept exported from here: it is where callers have always imported them from.
export { sendFetchResponse, toFetchRequest } from "../kit/fetch-bridge";

/**
 * The simulator core behind a real node:http server: `npm run sim:phonex` for
 * the demo, and integration tests that start it in-process on port 0.
 */
export type PhoneXSimulatorServerOptions = PhoneXSimulatorOptions & ListenOptions;

export type PhoneXSimulatorServer = {
  url: string;
  port: number;
  sim: PhoneXSimulator;
  server: Server;
  close(): Promise<void>;
};

export async function startPhoneXSimulatorServer(opts: PhoneXSimulatorServerOptions): Promise<PhoneXSimulatorServer> {
  const { port, host, logRequests = true, ...simOpts } = opts;
  const sim = createPhoneXSimulator({
    ...simOpts,
    onWebhook: (d) => {
      if (logRequests) log.info("phonex-sim webhook", { ...d });
      simOpts.onWebhook?.(d);
    },
  });
  const served = await serveFetchHandler((req) => sim.handle(req), {
    port,
    host,
    logRequests,
    name: "phonex-sim",
    internalErrorBody: { error: { code: "internal_error", message: "Simulator error" } },
    onClose: () => sim.close(),
  });
  return { ...served, sim };
}
