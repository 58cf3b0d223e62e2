import "server-only";
import type { Server } from "node:http";
import { log } from "../../../lib/logger";
import { serveFetchHandler, type ListenOptions } from "../kit/serve-fetch-handler";
import { createCjSimulator, type CjSimulator, type CjSimulatorOptions } from "./simulator";

/**
 * The CJ simulator core behind a real node:http server: `scripts/cj-simulator.ts`
 * for the demo (base URL http://127.0.0.1:4020/api2.0/v1), and tests that start
 * it in-process on port 0.
 */
export type CjSimulatorServerOptions = CjSimulatorOptions & ListenOptions;

export type CjSimulatorServer = {
  /** The origin, e.g. http://127.0.0.1:4020. */
  url: string;
  /** What CJ_API_URL should be: the origin plus /api2.0/v1. */
  apiUrl: string;
  port: number;
  sim: CjSimulator;
  server: Server;
  close(): Promise<void>;
};

export const CJ_BASE_PATH = "/api2.0/v1";

export async function startCjSimulatorServer(opts: CjSimulatorServerOptions): Promise<CjSimulatorServer> {
  const { port, host, logRequests = true, ...simOpts } = opts;
  const sim = createCjSimulator({
    ...simOpts,
    onWebhook: (d) => {
      if (logRequests) log.info("cj-sim webhook", { ...d });
      simOpts.onWebhook?.(d);
    },
  });
  const served = await serveFetchHandler((req) => sim.handle(req), {
    port,
    host,
    logRequests,
    name: "cj-sim",
    // CJ's own envelope, so a client sees a simulator crash the way it sees a CJ error.
    internalErrorBody: { code: 500, result: false, message: "Simulator error", data: null },
    onClose: () => sim.close(),
  });
  return { ...served, apiUrl: `${served.url}${CJ_BASE_PATH}`, sim };
}
