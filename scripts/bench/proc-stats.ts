// CPU time and memory of process trees from /proc (Linux), for CPU ms per request.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

function stat(pid: number): { ppid: number; cpuMs: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces.
    const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(f[1]), cpuMs: ((Number(f[11]) + Number(f[12])) * 1000) / TICKS };
  } catch {
    return null;
  }
}

/** Every live pid with its parent and CPU so far, read once. */
function table() {
  const children = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const s = stat(pid);
    if (!s) continue;
    cpu.set(pid, s.cpuMs);
    children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  }
  return { children, cpu };
}

/** The pid and all its descendants (next start runs its server in a child). */
function tree(root: number, children: Map<number, number[]>): number[] {
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]!) ?? []));
  return out;
}

/** User + system CPU ms used so far by the process and its descendants. */
export function cpuMs(root: number): number {
  const t = table();
  return tree(root, t.children).reduce((n, pid) => n + (t.cpu.get(pid) ?? 0), 0);
}

/**
 * CPU ms so far of several process trees (by name) and of single pids (`pids`, e.g. the
 * Postgres backends serving the bench), from one read of /proc.
 */
export function cpuSnapshot(roots: Record<string, number | undefined>, pids: number[] = []): { trees: Record<string, number>; pids: Map<number, number> } {
  const t = table();
  const trees: Record<string, number> = {};
  for (const [name, root] of Object.entries(roots)) trees[name] = root ? tree(root, t.children).reduce((n, pid) => n + (t.cpu.get(pid) ?? 0), 0) : 0;
  return { trees, pids: new Map(pids.map((p) => [p, t.cpu.get(p) ?? 0])) };
}

/** Resident memory (MB) of the process and its descendants. */
export function rssMb(root: number): number {
  const { children } = table();
  let kb = 0;
  for (const pid of tree(root, children)) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      kb += Number(m?.[1] ?? 0);
    } catch {
      /* gone */
    }
  }
  return Math.round(kb / 1024);
}

export function loadAverage(): string {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}
