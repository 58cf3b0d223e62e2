/** Scorecard figures in words (pure; the browser's). */
export const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? "–" : `${(x * 100).toFixed(digits)} %`);

export const ms = (x: number | null | undefined) => (x === null || x === undefined ? "–" : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`);

/** A duration in seconds, in the largest unit that reads well. */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "–";
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}

export const WINDOWS = [
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
] as const;

/** How often an open scorecard re-reads its figures. */
export const SCORECARD_REFRESH_MS = 15_000;

export const COMPONENT_LABELS: Record<string, string> = {
  fillRate: "Fill rate",
  acceptanceTime: "Acceptance time",
  shipTime: "Time to ship",
  rejections: "Rejections",
  cancellations: "Cancellations",
  errors: "Call errors",
  latency: "Call latency",
};
