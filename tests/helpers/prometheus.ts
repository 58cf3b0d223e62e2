// Reading Prometheus text exposition in tests: the samples by series, promtool when it is on
// PATH, and a strict check of the format when it is not (so a test can still fail).
import { spawnSync } from "node:child_process";

export type Samples = Map<string, number>;

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+-?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/y;

/** `name{a="1",b="2"}` with the labels sorted, the key of a series. */
export function seriesKey(name: string, labels: Record<string, string> = {}): string {
  const l = Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k]}"`)
    .join(",");
  return l ? `${name}{${l}}` : name;
}

function parseLabels(body: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < body.length) {
    const m = LABEL.exec(body);
    if (!m) return null;
    out[m[1]!] = m[2]!;
  }
  return out;
}

export function parseSamples(text: string): Samples {
  const out: Samples = new Map();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels = m[3] ? parseLabels(m[3]) : {};
    if (!labels) throw new Error(`bad labels: ${line}`);
    out.set(seriesKey(m[1]!, labels), Number(m[4]));
  }
  return out;
}

/** A series' value, 0 when absent (a counter not yet seen). */
export const sample = (s: Samples, name: string, labels: Record<string, string> = {}) => s.get(seriesKey(name, labels)) ?? 0;

/** `promtool check metrics` on the text: null when promtool is not installed, else its complaints ("" when none). */
export function promtool(text: string): { ok: boolean; output: string } | null {
  const r = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
  if (r.error && (r.error as NodeJS.ErrnoException).code === "ENOENT") return null;
  return { ok: r.status === 0, output: `${r.stdout ?? ""}${r.stderr ?? ""}`.trim() };
}

/**
 * Without promtool: the rules it enforces that matter here. Every sample belongs to a family
 * declared by # TYPE (once, before its samples); counters end in _total; no abbreviated units;
 * histograms have cumulative buckets ending in +Inf equal to _count; values are numbers.
 */
export function checkExposition(text: string): string[] {
  const problems: string[] = [];
  const types = new Map<string, string>();
  // promtool's list (client_golang promlint): s, ms, us, ns, sec, b, kb, mb, gb, tb, pb, m, h, d as a word of the name.
  const ABBREVIATED = /(^|_)(s|ms|us|ns|sec|b|kb|mb|gb|tb|pb|m|h|d)(_|$)/;
  for (const line of text.split("\n")) {
    if (!line) continue;
    const t = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (t) {
      if (types.has(t[1]!)) problems.push(`${t[1]} declared twice`);
      types.set(t[1]!, t[2]!);
      if (t[2] === "counter" && !t[1]!.endsWith("_total")) problems.push(`counter ${t[1]} should end in _total`);
      if (t[2] !== "counter" && t[1]!.endsWith("_total")) problems.push(`${t[2]} ${t[1]} should not end in _total`);
      if (ABBREVIATED.test(t[1]!)) problems.push(`${t[1]}: metric names should not contain abbreviated units`);
      continue;
    }
    if (line.startsWith("#")) {
      if (!/^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .+$/.test(line)) problems.push(`bad comment: ${line}`);
      continue;
    }
    const m = SAMPLE.exec(line);
    if (!m) {
      problems.push(`not a sample line: ${line}`);
      continue;
    }
    const name = m[1]!;
    const family = types.has(name) ? name : name.replace(/_(bucket|sum|count)$/, "");
    if (!types.has(family)) problems.push(`sample before its # TYPE: ${line}`);
    if (Number.isNaN(Number(m[4])) && !/^[+-]Inf$|^NaN$/.test(m[4]!)) problems.push(`bad value: ${line}`);
    if (m[3] && !parseLabels(m[3])) problems.push(`bad labels: ${line}`);
  }
  // Histograms: per series, buckets cumulative and +Inf = _count.
  const s = parseSamples(text);
  for (const [family, type] of types) {
    if (type !== "histogram") continue;
    const series = new Map<string, { le: number; v: number }[]>();
    for (const [key, v] of s) {
      if (!key.startsWith(`${family}_bucket{`)) continue;
      const labels = parseLabels(key.slice(family.length + 8, -1))!;
      const le = labels.le === "+Inf" ? Infinity : Number(labels.le);
      delete labels.le;
      const k = seriesKey(family, labels);
      series.set(k, [...(series.get(k) ?? []), { le, v }]);
    }
    for (const [k, buckets] of series) {
      buckets.sort((a, b) => a.le - b.le);
      if (buckets.at(-1)?.le !== Infinity) problems.push(`${k}: no +Inf bucket`);
      for (let i = 1; i < buckets.length; i++) if (buckets[i]!.v < buckets[i - 1]!.v) problems.push(`${k}: buckets not cumulative`);
      const count = s.get(k.replace(family, `${family}_count`));
      if (count !== buckets.at(-1)?.v) problems.push(`${k}: +Inf bucket ${buckets.at(-1)?.v} != _count ${count}`);
    }
  }
  return problems;
}
