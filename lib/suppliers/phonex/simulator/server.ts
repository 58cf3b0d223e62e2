import "server-only";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { log } from "../../../logger";
import { createPhoneXSimulator, type PhoneXSimulator, type PhoneXSimulatorOptions } from "./simulator";

/**
 * The simulator core behind a real node:http server: `npm run sim:phonex` for
 * the demo, and integration tests that start it in-process on port 0.
 */
export type PhoneXSimulatorServerOptions = PhoneXSimulatorOptions & {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** One JSON log line per request (never headers or bodies). Default true. */
  logRequests?: boolean;
};

export type PhoneXSimulatorServer = {
  url: string;
  port: number;
  sim: PhoneXSimulator;
  server: Server;
  close(): Promise<void>;
};

// Hop-by-hop headers belong to this connection, not to the request the core sees.
const SKIP = new Set(["host", "connection", "keep-alive", "transfer-encoding", "content-length", "upgrade"]);

export async function toFetchRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || SKIP.has(name)) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? "GET";
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (method !== "GET" && method !== "HEAD") {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    body = new Uint8Array(Buffer.concat(chunks));
  }
  return new Request(new URL(req.url ?? "/", origin), { method, headers, body });
}

export async function sendFetchResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((v, k) => (headers[k] = v));
  res.writeHead(response.status, { ...headers, "content-length": String(body.length) });
  res.end(body);
}

export async function startPhoneXSimulatorServer(opts: PhoneXSimulatorServerOptions): Promise<PhoneXSimulatorServer> {
  const { port = 0, host = "127.0.0.1", logRequests = true, ...simOpts } = opts;
  const sim = createPhoneXSimulator({
    ...simOpts,
    onWebhook: (d) => {
      if (logRequests) log.info("phonex-sim webhook", { ...d });
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
        res.end(JSON.stringify({ error: { code: "internal_error", message: "Simulator error" } }));
        log.error("phonex-sim request failed", { error: err instanceof Error ? err.message : String(err) });
      } finally {
        if (logRequests) {
          log.info("phonex-sim", {
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
