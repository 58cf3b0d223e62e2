import { z } from "zod";
import { wellFormedString } from "../wire/well-formed";

/** One schema per input, shared by the checkout form, the route handler and tests. */
// Well-formed here too (the HTTP boundary checks first), so the same schema is safe wherever it parses.
const text = (max: number) => wellFormedString().trim().min(1, "Required").max(max, `At most ${max} characters`);
const optionalText = (max: number) =>
  wellFormedString()
    .trim()
    .max(max, `At most ${max} characters`)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

/** Bodies refuse fields they do not define (422 naming each), so a typo never passes silently. */
export const addressSchema = z.strictObject({
  name: text(120),
  company: optionalText(120),
  line1: text(200),
  line2: optionalText(200),
  city: text(100),
  region: optionalText(100),
  postalCode: text(20),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Use a 2-letter ISO country code"),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()\-.]{5,25}$/, "Enter a valid phone number")
    .optional()
    .nullable()
    .transform((v) => (v ? v : null)),
});

export const placeOrderSchema = z.strictObject({
  items: z
    .array(
      z.strictObject({
        sku: wellFormedString().trim().min(1, "Required").max(100),
        quantity: z.number({ error: "Must be a whole number" }).int("Must be a whole number").min(1, "At least 1").max(10_000, "At most 10000"),
      }),
    )
    .min(1, "Add at least one item")
    .max(200, "At most 200 lines per order"),
  shippingAddress: addressSchema,
  reference: optionalText(100),
  notes: optionalText(2000),
});
export type PlaceOrderInput = z.infer<typeof placeOrderSchema>;

/** Orders per batch request. */
export const MAX_BATCH_ORDERS = 500;
/** POST /api/orders/batch as parsed: each order is then parsed on its own, so a bad one refuses only itself. */
export const batchEnvelopeSchema = z.strictObject({
  orders: z.array(z.unknown()).min(1, "Send at least one order").max(MAX_BATCH_ORDERS, `At most ${MAX_BATCH_ORDERS} orders per batch`),
});
/** The same envelope as documented (lib/openapi): each element a placeOrderSchema body. */
export const batchEnvelopeDocSchema = batchEnvelopeSchema.extend({ orders: z.array(placeOrderSchema).min(1).max(MAX_BATCH_ORDERS) });

export const idempotencyKeySchema = z.string().min(1).max(255);

export const listOrdersQuerySchema = z.object({
  status: z.enum(["pending", "submitted", "accepted", "processing", "partially_shipped", "shipped", "delivered", "rejected", "canceled", "failed"]).optional(),
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListOrdersQuery = z.infer<typeof listOrdersQuerySchema>;

export const listProductsQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  brand: z.string().trim().max(60).optional(),
  grade: z.string().trim().max(10).optional(),
  inStock: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => v === "true" || v === "1"),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
