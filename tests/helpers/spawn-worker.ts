// A worker in a process of its own (the real workers/index.ts), for tests that kill it.
import { spawn, type ChildProcess } from "node:child_process";

export function spawnWorker(env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/node-hooks.mjs", "workers/index.ts"], {
    env: { ...process.env, LOG_LEVEL: "error", ...env },
    stdio: ["ignore", "inherit", "inherit"],
  });
}

/** Resolves when the process has exited (at once if it already has). */
export function exited(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
  return new Promise((r) => p.once("exit", () => r()));
}
