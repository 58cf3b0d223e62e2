import { log } from "../../../lib/logger";

/**
 * Starts a simulator server from a script, logs where it listens and stops it
 * cleanly on SIGTERM/SIGINT: close() ends keep-alive sockets and webhook
 * timers, and a 5 s timer forces the exit if something still holds on.
 */
export async function runSimulatorScript<R extends { close(): Promise<void> }>(opts: {
  /** Log prefix, e.g. "phonex-sim". */
  name: string;
  start: () => Promise<R>;
  /** Fields of the "listening" log line (never secrets). */
  describe: (running: R) => Record<string, unknown>;
}): Promise<R> {
  const running = await opts.start();
  log.info(`${opts.name} listening`, opts.describe(running));

  let stopping = false;
  async function shutdown(signal: string) {
    // A second Ctrl-C while closing must not start a second close().
    if (stopping) return;
    stopping = true;
    log.info(`${opts.name} stopping`, { signal });
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    await running.close();
    process.exit(0);
  }
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  return running;
}
