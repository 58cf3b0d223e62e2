import { z } from "zod";
import { wellFormedString } from "../wire/well-formed";
import { addressSchema } from "../orders/schemas";

const money = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === "number" ? v.toFixed(2) : v.trim().replace(/,/g, "")))
  .pipe(z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, 'A price such as "231.00"'))
  .refine((v) => Number(v) > 0, "Must be more than 0");
const quantity = z.number({ error: "Must be a whole number" }).int("Must be a whole number").min(1, "At least 1").max(10_000, "At most 10000");
const message = wellFormedString()
  .trim()
  .max(2000, "At most 2000 characters")
  .optional()
  .nullable()
  .transform((v) => (v ? v : null));

export const offerLineSchema = z.strictObject({ sku: wellFormedString().trim().min(1, "Required").max(100), quantity, unitPrice: money });

/** POST /api/offers. */
export const makeOfferSchema = z.strictObject({
  lines: z.array(offerLineSchema).min(1, "Offer on at least one line").max(200, "At most 200 lines per offer"),
  message,
  orderOnAcceptance: z.boolean().optional().default(false),
  /** Where the order goes when orderOnAcceptance is set (default: the company's default saved address). */
  shippingAddress: addressSchema.optional(),
});
export type MakeOfferInput = z.infer<typeof makeOfferSchema>;

/** POST /api/offers/{id}/counter: new terms for some or all lines (by SKU); lines left out keep theirs. */
export const counterOfferSchema = z.strictObject({
  lines: z
    .array(z.strictObject({ sku: wellFormedString().trim().min(1).max(100), quantity: quantity.optional(), unitPrice: money.optional() }))
    .min(1)
    .max(200),
  message,
});
export type CounterOfferInput = z.infer<typeof counterOfferSchema>;

/** POST /api/offers/{id}/decline | withdraw. */
export const answerOfferSchema = z.strictObject({ message });
/** POST /api/offers/{id}/accept; ops accepting a line below its current supplier cost say so with acceptBelowCost. */
export const acceptOfferSchema = z.strictObject({ message, acceptBelowCost: z.boolean().optional().default(false) });

/**
 * GET /api/offers. `sort`: newest first (default, keyset cursor); `age` (oldest first), `value`
 * (largest first), `company` (A→Z) and, for staff, `margin` (best first, against the current
 * supplier costs); `order` reverses the default direction.
 */
export const listOffersQuerySchema = z.strictObject({
  status: z.enum(["open", "countered", "accepted", "declined", "expired", "withdrawn", "ordered"]).optional(),
  sort: z.enum(["newest", "age", "value", "company", "margin"]).default("newest"),
  order: z.enum(["asc", "desc"]).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
