// A TCP proxy for outage tests: clients connect to 127.0.0.1:<port> and are
// piped to the target. `stop()` is the dependency vanishing (the listener
// closes, so new connections are refused, and every open connection is cut);
// `start()` brings it back on the SAME port, so clients configured with the
// proxy's address reconnect by themselves. The real server is never touched.
import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export type TcpProxy = {
  readonly host: string;
  readonly port: number;
  readonly running: boolean;
  /** How many client connections it has accepted so far (all time). */
  readonly accepted: number;
  /** Listen again on the same port (no-op while running). */
  start(): Promise<void>;
  /** Close the listener and destroy every open socket (no-op while stopped). */
  stop(): Promise<void>;
};

export async function startTcpProxy(target: { host: string; port: number }, opts: { port?: number } = {}): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = opts.port ?? 0;
  let accepted = 0;

  const track = (s: Socket) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  };

  function onConnection(client: Socket) {
    accepted++;
    const upstream = connect({ host: target.host, port: target.port });
    track(client);
    track(upstream);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    // Either side failing or closing takes the other one down: the client sees a cut connection.
    const kill = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", kill);
    upstream.on("error", kill);
    client.on("close", kill);
    upstream.on("close", kill);
    client.pipe(upstream);
    upstream.pipe(client);
  }

  async function listen() {
    // The port was ours a moment ago; retry briefly in case the kernel still holds it.
    for (let attempt = 1; ; attempt++) {
      const s = createServer(onConnection);
      try {
        await new Promise<void>((resolve, reject) => {
          s.once("error", reject);
          s.listen(port, "127.0.0.1", () => {
            s.off("error", reject);
            resolve();
          });
        });
        server = s;
        port = (s.address() as AddressInfo).port;
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EADDRINUSE" || attempt >= 20 || port === 0) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  await listen();

  return {
    host: "127.0.0.1",
    get port() {
      return port;
    },
    get running() {
      return server !== null;
    },
    get accepted() {
      return accepted;
    },
    async start() {
      if (!server) await listen();
    },
    async stop() {
      const s = server;
      if (!s) return;
      server = null;
      const closed = new Promise<void>((r) => s.close(() => r()));
      for (const sock of sockets) sock.destroy();
      sockets.clear();
      await closed;
    },
  };
}
