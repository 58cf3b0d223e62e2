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
  /** Time between lifecycle steps when autoAdvance is on. */
  paceMs: z.number().int().min(1).max(3_600_000),
  autoAdvance: z.boolean(),
  /**
   * Beyond the contract: after Shipped, move on to Delivered (a status the contract does not list;
   * the adapter reads it when sent). Off, the simulator is strictly the contract and a
   * Shipped order stays Shipped.
   */
  reportDelivered: z.boolean(),
  /** Lifetime of a login token; calls with an older one get 401. */
  tokenTtlMs: z.number().int().min(1).max(86_400_000),
});

export type WscSimulatorKnobs = z.infer<typeof knobsSchema>;

export const DEFAULT_KNOBS: WscSimulatorKnobs = {
  failureRate: 0,
  failAfterCreateRate: 0,
  latencyMs: 0,
  paceMs: 2000,
  autoAdvance: true,
  reportDelivered: true,
  tokenTtlMs: 3_600_000,
};

/** Validates a partial update (unknown keys are an error, so a typo is not silently ignored). */
export function parseKnobs(input: unknown): Partial<WscSimulatorKnobs> {
  return knobsSchema.partial().strict().parse(input);
}

/** The knob fields out of a larger options object (undefined ones left out). */
export function pickKnobs(o: Partial<WscSimulatorKnobs>): Partial<WscSimulatorKnobs> {
  const keys = Object.keys(DEFAULT_KNOBS) as (keyof WscSimulatorKnobs)[];
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}
