import "server-only";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { log } from "../../../lib/logger";
import { sendFetchResponse, toFetchRequest } from "./fetch-bridge";

/**
 * Serves a simulator's Fetch-API `handle(req)` over a real node:http server:
 * the demo scripts use a fixed port, integration tests port 0. Only what the
 * suppliers really differ in is an option: the log name and the body of a 500
 * (each simulator answers in its supplier's error shape).
 */
/** What every simulator server accepts on top of its simulator's own options. */
export type ListenOptions = {
  /** 0 picks a free port. Default 0. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** One JSON log line per request (never headers or bodies). Default true. */
  logRequests?: boolean;
};

export type ServeFetchHandlerOptions = ListenOptions & {
  /** Log prefix, e.g. "phonex-sim". */
  name: string;
  /** The body sent when `handle` throws, in the supplier's own error shape. */
  internalErrorBody: unknown;
  /** Runs first in close(), before the server stops (e.g. the simulator's own timers). */
  onClose?: () => void;
};

export type ServedFetchHandler = {
  /** The origin, e.g. http://127.0.0.1:4010. */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
};

export async function serveFetchHandler(handle: (req: Request) => Promise<Response>, opts: ServeFetchHandlerOptions): Promise<ServedFetchHandler> {
  const { port = 0, host = "127.0.0.1", logRequests = true, name } = opts;
  // Known only once listening; requests cannot arrive before that.
  let origin = "";

  const server = createServer((req, res) => {
    const started = performance.now();
    void (async () => {
      let status = 500;
      try {
        const response = await handle(await toFetchRequest(req, origin));
        status = response.status;
        await sendFetchResponse(res, response);
      } catch (err) {
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify(opts.internalErrorBody));
        log.error(`${name} request failed`, { error: err instanceof Error ? err.message : String(err) });
      } finally {
        if (logRequests) {
          log.info(name, {
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
    server,
    close: () =>
      new Promise<void>((resolve) => {
        opts.onClose?.();
        server.close(() => resolve());
        // Keep-alive sockets would hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}
