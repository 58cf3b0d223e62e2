// The chaos run's child processes (the app and the workers): each in a process
// group of its own, stopped by that group's id, never by name. A child that
// dies without being told to is counted and, while the run wants it, started
// again.
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, closeSync, openSync } from "node:fs";

export type ExitRecord = { at: number; code: number | null; signal: string | null; expected: boolean };

export class Child {
  private proc: ChildProcess | null = null;
  private fd: number | null = null;
  private expecting = false;
  private exitWaiters: (() => void)[] = [];
  /** While true, an unexpected exit is followed by a restart. */
  supervise = true;
  startedAt = 0;
  starts = 0;
  readonly exits: ExitRecord[] = [];

  constructor(
    readonly name: string,
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv,
    private readonly logPath: string,
    private readonly opts: { restartDelayMs: number; onUnexpectedExit?: (child: Child, exit: ExitRecord) => void; t0: number },
  ) {}

  get pid(): number | null {
    return this.proc?.pid ?? null;
  }

  get alive(): boolean {
    return this.proc !== null;
  }

  get unexpectedExits(): ExitRecord[] {
    return this.exits.filter((e) => !e.expected);
  }

  start() {
    if (this.proc) return;
    this.fd ??= openSync(this.logPath, "a");
    this.starts++;
    appendFileSync(this.fd, `\n--- ${this.name} start #${this.starts} at +${((Date.now() - this.opts.t0) / 1000).toFixed(1)}s ---\n`);
    const p = spawn(process.execPath, this.args, {
      env: this.env,
      detached: true, // a process group of its own: signals go to it and everything it started
      stdio: ["ignore", this.fd, this.fd],
    });
    this.proc = p;
    this.startedAt = Date.now();
    this.expecting = false;
    p.once("exit", (code, signal) => {
      const exit: ExitRecord = { at: Date.now() - this.opts.t0, code, signal, expected: this.expecting };
      this.exits.push(exit);
      this.proc = null;
      const waiters = this.exitWaiters;
      this.exitWaiters = [];
      waiters.forEach((w) => w());
      if (!exit.expected) {
        this.opts.onUnexpectedExit?.(this, exit);
        if (this.supervise) setTimeout(() => this.supervise && this.start(), this.opts.restartDelayMs);
      }
    });
    p.once("error", (err) => {
      if (this.fd !== null) appendFileSync(this.fd, `spawn error: ${err.message}\n`);
    });
  }

  private waitExit(timeoutMs: number): Promise<boolean> {
    if (!this.proc) return Promise.resolve(true);
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), timeoutMs);
      this.exitWaiters.push(() => {
        clearTimeout(t);
        resolve(true);
      });
    });
  }

  private signalGroup(signal: NodeJS.Signals) {
    const pid = this.proc?.pid;
    if (!pid) return;
    try {
      process.kill(-pid, signal);
    } catch {
      try {
        process.kill(pid, signal);
      } catch {
        /* already gone */
      }
    }
  }

  /** SIGKILL the whole group, as a crash would, and wait until it is gone. */
  async kill(): Promise<void> {
    if (!this.proc) return;
    this.expecting = true;
    this.signalGroup("SIGKILL");
    await this.waitExit(10_000);
  }

  /** SIGTERM (the worker drains), then SIGKILL after graceMs. No restart afterwards. */
  async stop(graceMs = 10_000): Promise<void> {
    this.supervise = false;
    if (this.proc) {
      this.expecting = true;
      this.signalGroup("SIGTERM");
      if (!(await this.waitExit(graceMs))) {
        this.signalGroup("SIGKILL");
        await this.waitExit(5000);
      }
    }
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
  }
}
