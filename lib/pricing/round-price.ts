import { ROUNDINGS, type Rounding } from "./types";

/**
 * Each ending is a set of cent values within a step: ".49/.99" is {49, 99}
 * within every dollar, "9.99" is {999} within every ten dollars.
 */
const ENDINGS: Record<Rounding, { step: number; ends: number[] }> = {
  none: { step: 1, ends: [0] },
  whole: { step: 100, ends: [0] },
  ".99": { step: 100, ends: [99] },
  ".49/.99": { step: 100, ends: [49, 99] },
  ".95": { step: 100, ends: [95] },
  "9.99": { step: 1000, ends: [999] },
};

export function isRounding(r: string): r is Rounding {
  return (ROUNDINGS as readonly string[]).includes(r);
}

/**
 * The smallest price with the rule's ending that is not below `cents`. Up,
 * never to the nearest: the markup is a floor, and a price already on an
 * ending (230.99 for ".99") stays. An unknown mode (a row written by hand)
 * leaves the cents as they are.
 */
export function roundUp(cents: number, rounding: string): number {
  if (!isRounding(rounding)) return cents;
  const { step, ends } = ENDINGS[rounding];
  const base = Math.floor(cents / step) * step;
  for (const e of ends) if (base + e >= cents) return base + e;
  return base + step + ends[0]!;
}
