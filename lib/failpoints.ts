/**
 * Failpoints: named places where a test can make this process die on the spot
 * (as a SIGKILL or a power cut would), to prove what a crash there leaves
 * behind. Set FAILPOINTS="email.after-accept" (comma separated; "name:N" dies
 * at the N-th pass) in a worker's environment. Ignored when NODE_ENV=production.
 */
const counts = new Map<string, number>();

function armed(): Map<string, number> {
  const spec = process.env.FAILPOINTS;
  const out = new Map<string, number>();
  if (!spec || process.env.NODE_ENV === "production") return out;
  for (const part of spec.split(",")) {
    const [name, n] = part.trim().split(":");
    if (name) out.set(name, Math.max(1, Number(n) || 1));
  }
  return out;
}

export function failpoint(name: string): void {
  const at = armed().get(name);
  if (!at) return;
  const seen = (counts.get(name) ?? 0) + 1;
  counts.set(name, seen);
  if (seen < at) return;
  process.stderr.write(`failpoint ${name} hit: killing process ${process.pid}\n`);
  process.kill(process.pid, "SIGKILL");
}
