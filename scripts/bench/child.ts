// The bench's own processes (load client, simulator + mail catcher, BullMQ no-op, raw SQL) are
// separate Node processes spoken to over the IPC channel: a request { id, cmd, args } is answered
// { id, result } or { id, error }. Each runs TypeScript through tsx, as the worker does.
import { spawn, type ChildProcess } from "node:child_process";
import { openSync } from "node:fs";

type Reply = { id: number; result?: unknown; error?: string };

export type BenchChild = {
  name: string;
  pid: number;
  proc: ChildProcess;
  /** Settles once the child's imports are done and its handlers are in place. */
  ready: Promise<void>;
  call<T>(cmd: string, args?: unknown): Promise<T>;
  stop(): Promise<void>;
};

/** Start `script` (a path under scripts/bench) with an IPC channel; its output goes to `logFile`. */
export function startChild(name: string, script: string, env: NodeJS.ProcessEnv, logFile: string): BenchChild {
  const log = openSync(logFile, "w");
  const proc = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/node-hooks.mjs", script], { env, stdio: ["ignore", log, log, "ipc"] });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let seq = 0;
  let isReady: () => void = () => undefined;
  let notReady: (e: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    isReady = resolve;
    notReady = reject;
  });
  ready.catch(() => undefined); // a caller that never awaits it must not see an unhandled rejection
  proc.on("message", (m: Reply) => {
    if (m.id === 0) return isReady();
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.error !== undefined) w.reject(new Error(`${name}: ${m.error}`));
    else w.resolve(m.result);
  });
  proc.on("exit", (code, signal) => {
    notReady(new Error(`${name} exited (${signal ?? code}) before it was ready; see ${logFile}`));
    for (const w of waiting.values()) w.reject(new Error(`${name} exited (${signal ?? code}); see ${logFile}`));
    waiting.clear();
  });
  return {
    name,
    pid: proc.pid!,
    proc,
    ready,
    call<T>(cmd: string, args?: unknown) {
      if (proc.exitCode !== null || proc.signalCode !== null) return Promise.reject(new Error(`${name} is not running; see ${logFile}`));
      const id = ++seq;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        proc.send({ id, cmd, args });
      });
    },
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGTERM");
      const t = setTimeout(() => proc.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** In the child: answer the parent's requests with these handlers; exit when the parent goes. */
export function serve(handlers: Record<string, (args: never) => unknown>) {
  process.on("message", (m: { id: number; cmd: string; args: unknown }) => {
    const h = handlers[m.cmd];
    Promise.resolve()
      .then(() => {
        if (!h) throw new Error(`unknown command ${m.cmd}`);
        return h(m.args as never);
      })
      .then(
        (result) => process.send!({ id: m.id, result }),
        (err: unknown) => process.send!({ id: m.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
      );
  });
  process.on("disconnect", () => process.exit(0));
  process.send!({ id: 0, result: "ready" });
}
