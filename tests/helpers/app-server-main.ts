// The app's route handlers (tests/helpers/app-server.ts) in a process of their
// own, for tests that cut its Postgres or Redis away and watch it heal without
// a restart:
//   APP_PORT=0 node --import tsx --import ./scripts/node-hooks.mjs tests/helpers/app-server-main.ts
// Prints {"url":"http://127.0.0.1:<port>"} on stdout once it listens (APP_PORT,
// default 0 = any free port); SIGTERM closes it, and so does the end of its
// stdin when that is a pipe (the parent went away).
import { fstatSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { startAppServer } from "./app-server";

const port = Number(process.env.APP_PORT ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`APP_PORT must be a port number; got ${process.env.APP_PORT}`);
  process.exit(2);
}

const app = await startAppServer();
if (port !== 0) {
  // startAppServer picks a free port: move the same server to the one asked for
  // (nobody knows the first port yet, so nothing is connected to it).
  await new Promise<void>((resolve) => app.server.close(() => resolve()));
  await new Promise<void>((resolve, reject) => {
    app.server.once("error", reject);
    app.server.listen(port, "127.0.0.1", () => {
      app.server.off("error", reject);
      resolve();
    });
  });
}
console.log(JSON.stringify({ url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` }));

let closing = false;
function shutdown() {
  if (closing) return;
  closing = true;
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  void app.close().finally(() => process.exit(0));
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
let fromPipe = false;
try {
  fromPipe = fstatSync(0).isFIFO();
} catch {
  /* no stdin */
}
if (fromPipe) {
  process.stdin.on("end", shutdown);
  process.stdin.on("error", shutdown);
  process.stdin.resume();
}
