// The worker process: forwards orders, applies webhooks, sends email.
// Run with `npm run worker`; stop with SIGTERM (in-flight jobs finish first).
import { setPriority } from "node:os";
import { env } from "../lib/env";
import { log } from "../lib/logger";
import { startWorkers } from "./start-workers";

env(); // fail fast, naming any bad variable
try {
  // Background work yields the CPU to the web process on a shared machine (WORKER_NICE).
  setPriority(env().WORKER_NICE);
} catch (err) {
  log.warn("could not lower the worker's CPU priority", { err: (err as Error).message });
}
const running = startWorkers();
log.info("worker started", { queues: running.workers.map((w) => w.name) });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info("worker stopping", { signal });
  const force = setTimeout(() => {
    log.error("worker did not stop in 25 s; exiting");
    process.exit(1);
  }, 25_000);
  await running.close();
  clearTimeout(force);
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
