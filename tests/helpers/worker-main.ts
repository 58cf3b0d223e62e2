// The worker process (workers/index.ts) for tests that spawn it: the same
// process, plus, when its stdin is a pipe, it stops (SIGTERM, draining) once
// that pipe closes, so a test runner that dies leaves no worker behind.
//   node --import tsx --import ./scripts/node-hooks.mjs tests/helpers/worker-main.ts
import { fstatSync } from "node:fs";

let fromPipe = false;
try {
  fromPipe = fstatSync(0).isFIFO();
} catch {
  /* no stdin */
}
if (fromPipe) {
  process.stdin.on("end", () => process.kill(process.pid, "SIGTERM"));
  process.stdin.on("error", () => process.kill(process.pid, "SIGTERM"));
  process.stdin.resume();
}
await import("../../workers/index");
