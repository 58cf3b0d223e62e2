// The processes the browser tests need beside the web app (which playwright.config.ts
// starts as its webServer): the three supplier simulators, the mail catcher and the
// worker. Each runs in its own process group (detached), logs to
// test-results/e2e-<name>.log, and is listed in test-results/.e2e-stack-<runner pid>.json so
// global-teardown.ts can stop it even from another module instance.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project root: the nearest folder up from here with a package.json. */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
export const ROOT = findRoot();
/** test-results, or E2E_OUTPUT_DIR (two runs in one checkout each keep their own; Playwright empties it at start). */
export const OUT_DIR = path.resolve(ROOT, process.env.E2E_OUTPUT_DIR || "test-results");
// Per runner process (global setup and teardown run in the same one), so a second
// Playwright run in this checkout can never have its processes stopped by ours.
const STACK_FILE = path.join(OUT_DIR, `.e2e-stack-${process.pid}.json`);
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

type Entry = { name: string; pid: number; log: string };
/** A child's environment (NodeJS.ProcessEnv insists on NODE_ENV, which the children run without). */
export type ChildEnv = Record<string, string | undefined>;

export const logFile = (name: string) => path.join(OUT_DIR, `e2e-${name}.log`);

function readStack(): Entry[] {
  try {
    return JSON.parse(readFileSync(STACK_FILE, "utf8")) as Entry[];
  } catch {
    return [];
  }
}

function writeStack(entries: Entry[]) {
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(STACK_FILE, JSON.stringify(entries, null, 2));
}

/** Last lines of a log, for error messages. */
export function tail(file: string, lines = 25): string {
  if (!existsSync(file)) return "(no log)";
  return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
}

/** `tsx --import ./scripts/node-hooks.mjs <script>` (as the npm scripts run it), logging to e2e-<name>.log. */
function spawnTsx(name: string, script: string, env: ChildEnv): { child: ChildProcess; log: string } {
  mkdirSync(OUT_DIR, { recursive: true });
  const log = logFile(name);
  const fd = openSync(log, "a");
  const child = spawn(TSX, ["--import", "./scripts/node-hooks.mjs", script], {
    cwd: ROOT,
    env: env as NodeJS.ProcessEnv,
    detached: true, // its own process group: teardown stops tsx and the node it runs together
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  return { child, log };
}

/** Run a script to completion (the seed); rejects with its log on a non-zero exit. */
export async function runTsx(name: string, script: string, env: ChildEnv, timeoutMs = 120_000): Promise<void> {
  const { child, log } = spawnTsx(name, script, env);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child.pid, "SIGKILL");
      reject(new Error(`${name} did not finish in ${timeoutMs} ms; ${log}:\n${tail(log)}`));
    }, timeoutMs);
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${name} exited with ${signal ?? code}; ${log}:\n${tail(log)}`));
    });
  });
}

export type Service = { name: string; child: ChildProcess; log: string; exited: () => string | null };

/** Start a long-running script and record it for teardown. */
export function startService(name: string, script: string, env: ChildEnv): Service {
  const { child, log } = spawnTsx(name, script, env);
  if (!child.pid) throw new Error(`could not start ${name}`);
  writeStack([...readStack(), { name, pid: child.pid, log }]);
  let exit: string | null = null;
  child.once("exit", (code, signal) => {
    exit = `exited with ${signal ?? code}`;
  });
  child.unref();
  return { name, child, log, exited: () => exit };
}

function portOpen(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1000, () => done(false));
    s.once("connect", () => done(true));
    s.once("error", () => done(false));
  });
}

async function waitFor(svc: Service, what: string, check: () => Promise<boolean> | boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const gone = svc.exited();
    if (gone) throw new Error(`${svc.name} ${gone} before ${what}; ${svc.log}:\n${tail(svc.log)}`);
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${svc.name}: no ${what} after ${timeoutMs} ms; ${svc.log}:\n${tail(svc.log)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export const waitForPort = (svc: Service, port: number, timeoutMs = 60_000) => waitFor(svc, `listener on port ${port}`, () => portOpen(port), timeoutMs);

export const waitForLog = (svc: Service, pattern: RegExp, timeoutMs = 60_000) =>
  waitFor(svc, `log line ${pattern}`, () => existsSync(svc.log) && pattern.test(readFileSync(svc.log, "utf8")), timeoutMs);

/** A port that something else already listens on would make a simulator fail late and obscurely: say it now. */
export async function assertPortFree(port: number, what: string) {
  if (await portOpen(port)) throw new Error(`port ${port} for the ${what} is already in use (a stale run or a demo?)`);
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): boolean {
  if (!pid) return false;
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // already gone
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM every recorded process group (reverse start order), SIGKILL what is left after graceMs. */
export async function stopStack(graceMs = 10_000): Promise<void> {
  const entries = readStack().reverse();
  if (entries.length === 0) return;
  for (const e of entries) killGroup(e.pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && entries.some((e) => groupAlive(e.pid))) await new Promise((r) => setTimeout(r, 100));
  for (const e of entries) {
    if (groupAlive(e.pid)) {
      console.warn(`[e2e] ${e.name} did not stop in ${graceMs} ms after SIGTERM: killing it`);
      killGroup(e.pid, "SIGKILL");
    }
  }
  rmSync(STACK_FILE, { force: true });
}

/** Last resort when the runner exits without teardown (synchronous: usable in an 'exit' handler). */
export function killStackNow(): void {
  for (const e of readStack()) killGroup(e.pid, "SIGKILL");
}
