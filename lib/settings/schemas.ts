import { z } from "zod";

export const settingsSchema = z.object({
  /** A recomputed base price moving more than this (percent of the current price) waits for ops approval. */
  priceTolerancePercent: z.number().min(0).max(1000),
  /** A supplier offer at or below this many units raises a low-stock alert (0 raises only out-of-stock). */
  lowStockThreshold: z.number().int().min(0).max(1_000_000),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { priceTolerancePercent: 10, lowStockThreshold: 5 };

export const settingsUpdateSchema = settingsSchema.partial().strict();
