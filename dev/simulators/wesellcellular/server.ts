import "server-only";
import type { Server } from "node:http";
import { serveFetchHandler, type ListenOptions } from "../kit/serve-fetch-handler";
import { createWscSimulator, type WscSimulator, type WscSimulatorOptions } from "./simulator";

/**
 * The simulator core behind a real node:http server: scripts/wsc-simulator.ts
 * for the demo, and tests that start it in-process on port 0.
 */
export type WscSimulatorServerOptions = WscSimulatorOptions & ListenOptions;

export type WscSimulatorServer = {
  url: string;
  port: number;
  sim: WscSimulator;
  server: Server;
  close(): Promise<void>;
};

export async function startWscSimulatorServer(opts: WscSimulatorServerOptions): Promise<WscSimulatorServer> {
  const { port, host, logRequests, ...simOpts } = opts;
  const sim = createWscSimulator(simOpts);
  const served = await serveFetchHandler((req) => sim.handle(req), {
    port,
    host,
    logRequests,
    name: "wsc-sim",
    internalErrorBody: { code: "internal_error", message: "Simulator error" },
    onClose: () => sim.close(),
  });
  return { ...served, sim };
}
