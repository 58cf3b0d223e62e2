// Figures collected over the bench's runs, printed as median [min–max], and a plain text table.
import type { LoadResult } from "./load";

export class Figures {
  private values = new Map<string, number[]>();
  readonly errors = new Map<string, Record<string, number>>();

  put(key: string, v: number | null | undefined) {
    if (v === null || v === undefined || !Number.isFinite(v)) return;
    const xs = this.values.get(key) ?? [];
    xs.push(v);
    this.values.set(key, xs);
  }

  /** rps, p50, p95, p99 of a load phase, and its failures (kept by phase). */
  putLoad(key: string, r: LoadResult, perRequest = 1) {
    this.put(`${key}.rps`, r.rps * perRequest);
    this.put(`${key}.p50`, r.p50);
    this.put(`${key}.p95`, r.p95);
    this.put(`${key}.p99`, r.p99);
    this.put(`${key}.connections`, r.connections);
    this.countErrors(key, r.errors);
  }

  countErrors(key: string, errors: Record<string, number>) {
    if (Object.keys(errors).length === 0) return;
    const all = this.errors.get(key) ?? {};
    for (const [k, n] of Object.entries(errors)) all[k] = (all[k] ?? 0) + n;
    this.errors.set(key, all);
  }

  /** The value put last (this run's), or null. */
  last(key: string): number | null {
    return this.values.get(key)?.at(-1) ?? null;
  }

  /** Put `scale` × this run's `num` / `den` under `key` (a figure beside its ceiling from the same run). */
  ratio(key: string, num: string, den: string, scale = 100) {
    const [a, b] = [this.last(num), this.last(den)];
    if (a !== null && b !== null && b > 0) this.put(key, (scale * a) / b);
  }

  has(key: string) {
    return (this.values.get(key)?.length ?? 0) > 0;
  }

  median(key: string): number | null {
    const xs = [...(this.values.get(key) ?? [])].sort((a, b) => a - b);
    if (xs.length === 0) return null;
    const m = Math.floor(xs.length / 2);
    return xs.length % 2 ? xs[m]! : (xs[m - 1]! + xs[m]!) / 2;
  }

  /** "median [min–max]" (just the value when there is one run), or "–". */
  cell(key: string, digits = 0, suffix = ""): string {
    const xs = this.values.get(key) ?? [];
    if (xs.length === 0) return "–";
    const f = (v: number) => v.toFixed(digits);
    const m = this.median(key)!;
    if (xs.length === 1) return `${f(m)}${suffix}`;
    return `${f(m)}${suffix} [${f(Math.min(...xs))}–${f(Math.max(...xs))}]`;
  }
}

/** Columns padded to their widest cell; the first left-aligned, the others right-aligned. */
export function table(header: string[], rows: string[][], indent = "  "): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    indent +
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}
