import "server-only";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { log } from "../../../logger";
// The node:http ⇄ Fetch glue is supplier-neutral; the PhoneX simulator's is reused as is.
import { sendFetchResponse, toFetchRequest } from "../../phonex/simulator/server";
import { createWscSimulator, type WscSimulator, type WscSimulatorOptions } from "./simulator";

/**
 * The simulator core behind a real node:http server: scripts/wsc-simulator.ts
 * for the demo, and tests that start it in-process on port 0.
 */
export type WscSimulatorServerOptions = WscSimulatorOptions & {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** One JSON log line per request (never headers or bodies). Default true. */
  logRequests?: boolean;
};

export type WscSimulatorServer = {
  url: string;
  port: number;
  sim: WscSimulator;
  server: Server;
  close(): Promise<void>;
};

export async function startWscSimulatorServer(opts: WscSimulatorServerOptions): Promise<WscSimulatorServer> {
  const { port = 0, host = "127.0.0.1", logRequests = true, ...simOpts } = opts;
  const sim = createWscSimulator(simOpts);
  let origin = "";

  const server = createServer((req, res) => {
    const started = performance.now();
    void (async () => {
      let status = 500;
      try {
        const response = await sim.handle(await toFetchRequest(req, origin));
        status = response.status;
        await sendFetchResponse(res, response);
      } catch (err) {
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ code: "internal_error", message: "Simulator error" }));
        log.error("wsc-sim request failed", { error: err instanceof Error ? err.message : String(err) });
      } finally {
        if (logRequests) {
          log.info("wsc-sim", {
            method: req.method,
            path: new URL(req.url ?? "/", "http://x").pathname,
            status,
            durationMs: Math.round(performance.now() - started),
          });
        }
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  origin = `http://${host.includes(":") ? `[${host}]` : host}:${bound}`;

  return {
    url: origin,
    port: bound,
    sim,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        sim.close();
        server.close(() => resolve());
        // Keep-alive sockets would hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}
