import { z } from "zod";

/**
 * The CJ simulator's failure, timing and account knobs, settable at
 * construction and at runtime (POST /__sim/config). Rates are fractions 0..1
 * drawn per call.
 */
const rate = z.number().min(0).max(1);

export const knobsSchema = z.object({
  /** Fraction of createOrderV2 calls answered HTTP 500 before anything is created. */
  failureRate: rate,
  /** Fraction of createOrderV2 calls that create the order, then fail (see failAfterCreateMode). */
  failAfterCreateRate: rate,
  /** "error": answer HTTP 500; "timeout": hold the answer for hangMs (the client times out). */
  failAfterCreateMode: z.enum(["error", "timeout"]),
  hangMs: z.number().int().min(0).max(600_000),
  /** Delay before every API answer. */
  latencyMs: z.number().int().min(0).max(600_000),
  /** Fraction of webhooks delivered twice with the same messageId. */
  duplicateRate: rate,
  /** Delay each delivery by a random part of a window, so later statuses can arrive first. */
  outOfOrder: z.boolean(),
  /** Time between lifecycle steps when autoAdvance is on. */
  paceMs: z.number().int().min(1).max(3_600_000),
  autoAdvance: z.boolean(),
  /** payType 2 orders fail with 1604000 (the CJ wallet is empty). */
  insufficientBalance: z.boolean(),
  /** The account tier's QPS: requests per second per access token before 1600200 (CJ's Prime tier: 4), and what GET /setting/get tells as setting.qpsLimit; 0 = unlimited (told as 100). */
  qps: z.number().int().min(0).max(1000),
  /** Lifetime of issued access tokens (CJ: 15 days); short values exercise expiry → 1600001. */
  accessTokenTtlMs: z.number().int().min(1),
  /** Lifetime of refresh tokens (CJ: 180 days). */
  refreshTokenTtlMs: z.number().int().min(1),
  /** API calls left before 1600201 (quota used up); null = no quota. */
  quota: z.number().int().min(0).nullable(),
});

export type CjSimulatorKnobs = z.infer<typeof knobsSchema>;

const DAY = 24 * 60 * 60 * 1000;

export const DEFAULT_KNOBS: CjSimulatorKnobs = {
  failureRate: 0,
  failAfterCreateRate: 0,
  failAfterCreateMode: "error",
  hangMs: 30_000,
  latencyMs: 0,
  duplicateRate: 0,
  outOfOrder: false,
  paceMs: 2000,
  autoAdvance: true,
  insufficientBalance: false,
  qps: 4,
  accessTokenTtlMs: 15 * DAY,
  refreshTokenTtlMs: 180 * DAY,
  quota: null,
};

/** Validates a partial update (unknown keys are an error, so a typo is not silently ignored). */
export function parseKnobs(input: unknown): Partial<CjSimulatorKnobs> {
  return knobsSchema.partial().strict().parse(input);
}

/** The knob fields out of a larger options object (undefined ones left out). */
export function pickKnobs(o: Partial<CjSimulatorKnobs>): Partial<CjSimulatorKnobs> {
  const keys = Object.keys(DEFAULT_KNOBS) as (keyof CjSimulatorKnobs)[];
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}
