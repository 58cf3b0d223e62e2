import { z } from "zod";

/**
 * The simulator's failure and timing knobs, settable at construction and at
 * runtime (POST /__sim/config). Rates are fractions 0..1 drawn per call.
 */
const rate = z.number().min(0).max(1);

export const knobsSchema = z.object({
  /** Fraction of create calls answered 500 before anything is created. */
  failureRate: rate,
  /** Fraction of create calls that create the order, then answer 500 (tests idempotent retries). */
  failAfterCreateRate: rate,
  /** Delay before every API answer. */
  latencyMs: z.number().int().min(0).max(600_000),
  /**
   * Fraction of create calls that create the order and answer 201, but only
   * after slowMs: longer than the client's timeout, the caller gives up
   * although the order exists (a "late" answer; tests idempotent retries).
   */
  slowRate: rate,
  /** How late a slowRate answer comes. */
  slowMs: z.number().int().min(0).max(600_000),
  /** Fraction of webhooks delivered twice with the same event id. */
  duplicateRate: rate,
  /** Delay each delivery by a random part of a window, so later statuses can arrive first. */
  outOfOrder: z.boolean(),
  /** Time between lifecycle steps when autoAdvance is on. */
  paceMs: z.number().int().min(1).max(3_600_000),
  autoAdvance: z.boolean(),
  /** Orders holding any of these SKUs are rejected (order.rejected with a reason). */
  rejectSkus: z.array(z.string()),
});

export type PhoneXSimulatorKnobs = z.infer<typeof knobsSchema>;

export const DEFAULT_KNOBS: PhoneXSimulatorKnobs = {
  failureRate: 0,
  failAfterCreateRate: 0,
  latencyMs: 0,
  slowRate: 0,
  slowMs: 10_000,
  duplicateRate: 0,
  outOfOrder: false,
  paceMs: 2000,
  autoAdvance: true,
  rejectSkus: [],
};

/** Validates a partial update (unknown keys are an error, so a typo is not silently ignored). */
export function parseKnobs(input: unknown): Partial<PhoneXSimulatorKnobs> {
  return knobsSchema.partial().strict().parse(input);
}

/** The knob fields out of a larger options object (undefined ones left out). */
export function pickKnobs(o: Partial<PhoneXSimulatorKnobs>): Partial<PhoneXSimulatorKnobs> {
  const keys = Object.keys(DEFAULT_KNOBS) as (keyof PhoneXSimulatorKnobs)[];
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}
