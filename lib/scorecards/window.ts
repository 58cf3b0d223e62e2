import { z } from "zod";
import { SCORE_WINDOWS, type ScoreWindow } from "../settings/scorecard-schema";

/** A scorecard's window: the last 24 h, 7 d or 30 d, or from/to (ISO 8601, at most 366 days). */
export type Window = { from: Date; to: Date; label: string; bucketSeconds: number };

const HOUR = 3600;
const WINDOW_SECONDS: Record<ScoreWindow, number> = { "24h": 24 * HOUR, "7d": 7 * 24 * HOUR, "30d": 30 * 24 * HOUR };

export const windowQuerySchema = z
  .object({
    window: z.enum(SCORE_WINDOWS).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.window && (q.from || q.to)) ctx.addIssue({ code: "custom", path: ["window"], message: "Give either window or from/to" });
    if (!q.window && q.to && !q.from) ctx.addIssue({ code: "custom", path: ["from"], message: "Required with to" });
    if (q.from && q.to && Date.parse(q.to) <= Date.parse(q.from)) ctx.addIssue({ code: "custom", path: ["to"], message: "Must be after from" });
    if (q.from && Date.parse(q.to ?? new Date().toISOString()) - Date.parse(q.from) > 366 * 24 * HOUR * 1000) {
      ctx.addIssue({ code: "custom", path: ["from"], message: "At most 366 days" });
    }
  });

/** Buckets for the charts: hourly up to two days, 6-hourly up to two weeks, daily beyond. */
export function bucketFor(seconds: number): number {
  if (seconds <= 2 * 24 * HOUR) return HOUR;
  if (seconds <= 14 * 24 * HOUR) return 6 * HOUR;
  return 24 * HOUR;
}

export function resolveWindow(query: unknown, fallback: ScoreWindow = "7d", now = new Date()): Window {
  const q = windowQuerySchema.parse(query);
  if (q.from) {
    const from = new Date(q.from);
    const to = q.to ? new Date(q.to) : now;
    return { from, to, label: `${from.toISOString()} – ${to.toISOString()}`, bucketSeconds: bucketFor((to.getTime() - from.getTime()) / 1000) };
  }
  const w = q.window ?? fallback;
  const seconds = WINDOW_SECONDS[w];
  return { from: new Date(now.getTime() - seconds * 1000), to: now, label: w, bucketSeconds: bucketFor(seconds) };
}
