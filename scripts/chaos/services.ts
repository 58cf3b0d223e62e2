// The chaos run's own Redis and Postgres: started, restarted and removed by
// this run only, never the shared 127.0.0.1:5432 / 6379 that other runs and
// the demo use.
// Everything here is asynchronous: the simulator and the mail catcher live in
// the chaos process, and a blocking call would stall them mid-fault.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import pg from "pg";

export function run(cmd: string, args: string[], timeoutMs = 60_000, env?: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, env: env ?? process.env }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${args.join(" ")} failed: ${(stderr || err.message).trim()}`));
      else resolve({ stdout, stderr });
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function waitUntil(what: string, fn: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** A port free right now on 127.0.0.1 (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A pid that still exists (signal 0 probes without sending anything). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

// ── Redis ─────────────────────────────────────────────────────────────────────

export class OwnRedis {
  constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  private get pidfile() {
    return join(this.dir, "redis.pid");
  }

  async start() {
    await run("redis-server", [
      "--port",
      String(this.port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--daemonize",
      "yes",
      "--dir",
      this.dir,
      "--pidfile",
      this.pidfile,
      "--logfile",
      join(this.dir, "redis.log"),
    ]);
    await waitUntil(`Redis on ${this.port}`, () => this.ping(), 15_000);
  }

  async ping(): Promise<boolean> {
    try {
      return (await run("redis-cli", ["-p", String(this.port), "ping"], 2000)).stdout.trim() === "PONG";
    } catch {
      return false;
    }
  }

  /** Stop without saving: everything in it is gone, as after a real restart without persistence. */
  async stop() {
    await run("redis-cli", ["-p", String(this.port), "shutdown", "nosave"], 10_000).catch(() => undefined);
    try {
      await waitUntil(`Redis on ${this.port} to stop`, async () => !(await this.ping()), 10_000);
    } catch {
      this.killByPidfile();
    }
  }

  /** Last resort in cleanup: the daemon's own pid, from the pidfile it wrote. */
  killByPidfile() {
    if (!existsSync(this.pidfile)) return;
    const pid = Number(readFileSync(this.pidfile, "utf8").trim());
    if (pid > 1 && alive(pid) && /redis-server/.test(cmdline(pid))) process.kill(pid, "SIGKILL");
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

// ── Postgres ──────────────────────────────────────────────────────────────────

/** The installed major version (Debian's /etc/postgresql/<version>), 15 on these machines. */
export function postgresVersion(): string {
  try {
    const versions = readdirSync("/etc/postgresql")
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(a) - Number(b));
    return versions.at(-1) ?? "15";
  } catch {
    return "15";
  }
}

export class OwnPostgres {
  readonly version = postgresVersion();
  private created = false;

  constructor(
    readonly name: string,
    readonly port: number,
  ) {}

  url(database: string) {
    return `postgresql://root@127.0.0.1:${this.port}/${database}?sslmode=disable`;
  }

  async create() {
    this.created = true; // from here on, cleanup drops it (a half-created cluster included)
    await run("pg_createcluster", [this.version, this.name, "-p", String(this.port), "--", "--auth=trust"], 120_000);
  }

  async start() {
    await run("pg_ctlcluster", ["--skip-systemctl-redirect", this.version, this.name, "start"], 60_000);
    await waitUntil(`Postgres on ${this.port}`, () => this.ready(), 30_000, 200);
  }

  async stop() {
    await run("pg_ctlcluster", ["--skip-systemctl-redirect", this.version, this.name, "stop", "-m", "fast"], 60_000);
  }

  async ready(): Promise<boolean> {
    const c = new pg.Client({ host: "127.0.0.1", port: this.port, user: "postgres", database: "postgres", connectionTimeoutMillis: 2000 });
    try {
      await c.connect();
      await c.query("SELECT 1");
      return true;
    } catch {
      return false;
    } finally {
      await c.end().catch(() => undefined);
    }
  }

  /** The `root` superuser the app connects as (we run as root). */
  async createRootRole() {
    await run("su", ["postgres", "-c", `psql -X -q -p ${this.port} -v ON_ERROR_STOP=1 -c "CREATE ROLE root SUPERUSER LOGIN"`], 30_000);
  }

  async drop() {
    if (!this.created) return;
    await run("pg_dropcluster", [this.version, this.name, "--stop"], 120_000);
    this.created = false;
  }
}

/**
 * Clusters named chaos<pid> whose run is gone (killed with SIGKILL, so its
 * cleanup never ran). Only this script's naming, only dead owners.
 */
export async function dropStaleChaosClusters(log: (m: string) => void) {
  const version = postgresVersion();
  let names: string[] = [];
  try {
    names = readdirSync(`/etc/postgresql/${version}`);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^chaos(\d+)$/.exec(name);
    if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
    try {
      await run("pg_dropcluster", [version, name, "--stop"], 120_000);
      log(`dropped the cluster ${name} an earlier, killed chaos run left behind`);
    } catch (err) {
      log(`could not drop the stale cluster ${name}: ${(err as Error).message}`);
    }
  }
}
