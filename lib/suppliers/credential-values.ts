import { z } from "zod";

/**
 * Credential values the kinds' schemas share (lib/suppliers/<kind>/definition.ts).
 * Optional ones are strings like every other: the Supplier row stores a JSON object of strings.
 */
export const requiredSecret = z
  .string({ error: "Required" })
  .max(2000, "At most 2000 characters")
  .refine((v) => v.trim().length > 0, "Required");
