// The chaos run's app process: the real route handlers served without a
// Next.js build (tests/helpers/app-server.ts), in a process of its own so it
// keeps running while the run restarts Postgres and Redis under it.
//   node --import tsx --import ./scripts/node-hooks.mjs scripts/chaos/app.ts <port>
// Prints {"url": "..."} once it listens; SIGTERM closes it.
import type { AddressInfo } from "node:net";
import { startAppServer } from "../../tests/helpers/app-server";

const port = Number(process.argv[2] ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`usage: scripts/chaos/app.ts <port>; got ${process.argv[2]}`);
  process.exit(2);
}

const app = await startAppServer();
if (port !== 0) {
  // startAppServer listens on a port of its own choosing: move the same server to the one asked
  // for (nobody knows the first port yet, so nothing is connected to it).
  await new Promise<void>((resolve) => app.server.close(() => resolve()));
  await new Promise<void>((resolve, reject) => {
    app.server.once("error", reject);
    app.server.listen(port, "127.0.0.1", () => {
      app.server.off("error", reject);
      resolve();
    });
  });
}
const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
console.log(JSON.stringify({ url }));

let closing = false;
process.on("SIGTERM", () => {
  if (closing) return;
  closing = true;
  const force = setTimeout(() => process.exit(1), 5000);
  void app.close().finally(() => {
    clearTimeout(force);
    process.exit(0);
  });
});
