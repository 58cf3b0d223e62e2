// Throwaway databases and Redis dbs for the benchmarks (scripts/test-resources.mjs, as npm test uses).
import { spawnSync } from "node:child_process";

export function resource(cmd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ["scripts/test-resources.mjs", cmd, ...args], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`test-resources ${cmd} failed: ${r.stderr}`);
  return r.stdout.trim();
}
