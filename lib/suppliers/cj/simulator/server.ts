import "server-only";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { log } from "../../../logger";
// The Node ⇄ Fetch request plumbing is the same for every simulator; PhoneX's is reused, not copied.
import { sendFetchResponse, toFetchRequest } from "../../phonex/simulator/server";
import { createCjSimulator, type CjSimulator, type CjSimulatorOptions } from "./simulator";

/**
 * The CJ simulator core behind a real node:http server: `scripts/cj-simulator.ts`
 * for the demo (base URL http://127.0.0.1:4020/api2.0/v1), and tests that start
 * it in-process on port 0.
 */
export type CjSimulatorServerOptions = CjSimulatorOptions & {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** One JSON log line per request (never headers or bodies). Default true. */
  logRequests?: boolean;
};

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
  const { port = 0, host = "127.0.0.1", logRequests = true, ...simOpts } = opts;
  const sim = createCjSimulator({
    ...simOpts,
    onWebhook: (d) => {
      if (logRequests) log.info("cj-sim webhook", { ...d });
      simOpts.onWebhook?.(d);
    },
  });
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
        res.end(JSON.stringify({ code: 500, result: false, message: "Simulator error", data: null }));
        log.error("cj-sim request failed", { error: err instanceof Error ? err.message : String(err) });
      } finally {
        if (logRequests) {
          const path = new URL(req.url ?? "/", "http://x").pathname;
          log.info("cj-sim", { method: req.method, path, status, durationMs: Math.round(performance.now() - started) });
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
    apiUrl: `${origin}${CJ_BASE_PATH}`,
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
