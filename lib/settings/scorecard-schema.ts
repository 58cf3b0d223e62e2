import { z } from "zod";

/**
 * The supplier scorecard's settings (issue 14 point 4), changed by ops at runtime
 * (GET/PUT /api/ops/scorecards/settings), stored as one Setting row ("scorecard"). Pure:
 * order intake parses the row it reads with the context (lib/orders/read-order-context.ts).
 */
export const ROUTING_MODES = ["cost", "cost_score"] as const;
export const SCORE_WINDOWS = ["24h", "7d", "30d"] as const;
export type ScoreWindow = (typeof SCORE_WINDOWS)[number];

/** The score's components, each normalised to 0–1 (1 = best) in lib/scorecards/score.ts. */
export const SCORE_COMPONENTS = ["fillRate", "acceptanceTime", "shipTime", "rejections", "cancellations", "errors", "latency"] as const;
export type ScoreComponent = (typeof SCORE_COMPONENTS)[number];

const weight = z.number().min(0).max(100);
export const weightsSchema = z
  .object({
    fillRate: weight,
    acceptanceTime: weight,
    shipTime: weight,
    rejections: weight,
    cancellations: weight,
    errors: weight,
    latency: weight,
  })
  .strict();

export const targetsSchema = z
  .object({
    /** Submitted → accepted within this (median) scores full marks. */
    acceptanceMinutes: z.number().int().min(1).max(100_000),
    /** Submitted → shipped within this (median) scores full marks. */
    shipHours: z.number().int().min(1).max(10_000),
    /** Call latency p95 at or under this scores full marks. */
    latencyMs: z.number().int().min(1).max(600_000),
  })
  .strict();

export const scorecardSettingsSchema = z
  .object({
    /** "cost": priority, then cost (as before scorecards). "cost_score": priority, then cost weighed with the score. */
    routingMode: z.enum(ROUTING_MODES),
    /** In "cost_score": an offer counts as cost × (1 + scoreWeight × (1 − score/100)). */
    scoreWeight: z.number().min(0).max(5),
    /** The score of a supplier with fewer than minOrders supplier orders in the window. */
    neutralScore: z.number().min(0).max(100),
    minOrders: z.number().int().min(1).max(100_000),
    /** The window the cached routing score is computed over. */
    window: z.enum(SCORE_WINDOWS),
    weights: weightsSchema,
    targets: targetsSchema,
  })
  .strict();
export type ScorecardSettings = z.infer<typeof scorecardSettingsSchema>;

/**
 * Defaults after DSCO's and Logicbroker's scorecards (fill rate, ship time and cancellations
 * weigh most), then how the supplier answers us. Routing stays "cost" until ops turn the score on.
 */
export const DEFAULT_SCORECARD_SETTINGS: ScorecardSettings = {
  routingMode: "cost",
  scoreWeight: 0.2,
  neutralScore: 50,
  minOrders: 5,
  window: "7d",
  weights: { fillRate: 30, shipTime: 20, cancellations: 15, rejections: 10, acceptanceTime: 10, errors: 10, latency: 5 },
  targets: { acceptanceMinutes: 240, shipHours: 48, latencyMs: 2000 },
};

/** A change: any field, weights and targets field by field; what is left out stays. */
export const scorecardSettingsUpdateSchema = z
  .object({
    routingMode: scorecardSettingsSchema.shape.routingMode,
    scoreWeight: scorecardSettingsSchema.shape.scoreWeight,
    neutralScore: scorecardSettingsSchema.shape.neutralScore,
    minOrders: scorecardSettingsSchema.shape.minOrders,
    window: scorecardSettingsSchema.shape.window,
    weights: weightsSchema.partial().strict(),
    targets: targetsSchema.partial().strict(),
  })
  .partial()
  .strict();
export type ScorecardSettingsUpdate = z.infer<typeof scorecardSettingsUpdateSchema>;

/** Apply a change; at least one weight must stay above 0 (else the score has nothing to weigh). */
export function mergeScorecardSettings(current: ScorecardSettings, patch: ScorecardSettingsUpdate): ScorecardSettings {
  const next = scorecardSettingsSchema.parse({
    ...current,
    ...patch,
    weights: { ...current.weights, ...patch.weights },
    targets: { ...current.targets, ...patch.targets },
  });
  if (SCORE_COMPONENTS.every((c) => next.weights[c] === 0)) {
    throw new z.ZodError([{ code: "custom", path: ["weights"], message: "At least one weight must be above 0", input: patch.weights }]);
  }
  return next;
}

/** A stored value as settings: what does not parse falls back to the defaults, field by field. */
export function parseScorecardSettings(raw: unknown): ScorecardSettings {
  const r = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const out: Record<string, unknown> = { ...DEFAULT_SCORECARD_SETTINGS };
  for (const [k, field] of Object.entries(scorecardSettingsSchema.shape)) {
    if (k === "weights" || k === "targets") {
      const base = DEFAULT_SCORECARD_SETTINGS[k] as Record<string, number>;
      const given = r[k] && typeof r[k] === "object" ? (r[k] as Record<string, unknown>) : {};
      const merged: Record<string, number> = { ...base };
      for (const key of Object.keys(base)) {
        const v = given[key];
        if (typeof v === "number" && Number.isFinite(v) && v >= 0) merged[key] = v;
      }
      out[k] = merged;
      continue;
    }
    const parsed = field.safeParse(r[k]);
    if (parsed.success) out[k] = parsed.data;
  }
  return out as ScorecardSettings;
}

/** The Setting row holding the scorecard settings (order intake reads it by this key in its one read). */
export const SCORECARD_SETTING_KEY = "scorecard";
