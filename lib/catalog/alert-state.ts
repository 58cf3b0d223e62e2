/**
 * A supplier offer's stock level for alerting: ok above the low-stock
 * threshold, low at or below it, out at 0. An alert is raised only when an
 * offer moves to a WORSE state (ok → low, ok → out, low → out): once per
 * crossing, never on every sync. Moving back (out → low, low → ok) only
 * records the state, so the next drop alerts again.
 */
export type AlertState = "ok" | "low" | "out";

const SEVERITY: Record<AlertState, number> = { ok: 0, low: 1, out: 2 };

export function alertStateFor(stock: number, threshold: number): AlertState {
  if (stock <= 0) return "out";
  if (stock <= threshold) return "low";
  return "ok";
}

/** The alert a move from `prev` to `next` raises, if any. */
export function alertFor(prev: string, next: AlertState): "low" | "out" | null {
  const before = SEVERITY[prev as AlertState] ?? 0;
  if (next === "ok" || SEVERITY[next] <= before) return null;
  return next;
}
