import { z } from "zod";

/**
 * zod for everything PhoneX sends (docs/suppliers.md (PhoneX) and docs/api.md (PhoneX webhooks)), plus the create
 * body we send, which the simulator validates with the same schema. Objects
 * strip unknown keys rather than reject them: PhoneX may add fields, and a
 * new field must not turn a good answer into a failure (tolerant reader).
 */
export const PHONEX_STATUSES = ["received", "accepted", "rejected", "processing", "shipped", "delivered", "canceled"] as const;
export const phonexStatusSchema = z.enum(PHONEX_STATUSES);
export type PhoneXStatus = z.infer<typeof phonexStatusSchema>;

const nullishString = z.string().nullish();
/** PhoneX sends numbers (231.00); a string amount is accepted too. */
const amount = z.union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?$/)]);

// ── What we send ───────────────────────────────────────────────────────────
export const phonexAddressSchema = z.object({
  name: z.string().min(1),
  company: nullishString,
  line1: z.string().min(1),
  line2: nullishString,
  city: z.string().min(1),
  region: nullishString,
  postal_code: z.string().min(1),
  country: z.string().min(2),
  phone: nullishString,
});

export const phonexCreateOrderRequestSchema = z.object({
  supplier: z.string().min(1),
  order_id: z.string().min(1).max(255),
  customer_id: z.string().min(1),
  items: z.array(z.object({ sku: z.string().min(1), quantity: z.number().int().positive(), unit_price: z.number().nonnegative() })).min(1),
  shipping_address: phonexAddressSchema,
  metadata: z.record(z.string(), z.unknown()).default({}),
});
export type PhoneXCreateOrderRequest = z.infer<typeof phonexCreateOrderRequestSchema>;

// ── What PhoneX answers ───────────────────────────────────────────────────
export const phonexCreateOrderResponseSchema = z.object({
  id: z.string().min(1),
  order_id: z.string().min(1),
  supplier_order_id: z.string().nullable(),
  status: phonexStatusSchema,
});
export type PhoneXCreateOrderResponse = z.infer<typeof phonexCreateOrderResponseSchema>;

export const phonexOrderSchema = z.object({
  order_id: z.string().min(1),
  supplier_order_id: z.string().nullable(),
  status: phonexStatusSchema,
  tracking_number: nullishString,
  carrier: nullishString,
  updated_at: nullishString,
});
export type PhoneXOrder = z.infer<typeof phonexOrderSchema>;

export const phonexCancelResponseSchema = z.object({ status: z.literal("cancel_requested") });
export type PhoneXCancelResponse = z.infer<typeof phonexCancelResponseSchema>;

export const phonexInventoryItemSchema = z.object({
  sku: z.string().min(1),
  name: z.string(),
  brand: z.string(),
  model: z.string(),
  storage: z.string(),
  color: z.string(),
  grade: z.string(),
  quantity: z.number().int().nonnegative(),
  unit_price: amount,
  currency: z.string().length(3).default("USD"),
});
export type PhoneXInventoryItem = z.infer<typeof phonexInventoryItemSchema>;

export const phonexInventoryPageSchema = z.object({
  items: z.array(phonexInventoryItemSchema),
  next_cursor: z.string().min(1).nullable(),
});
export type PhoneXInventoryPage = z.infer<typeof phonexInventoryPageSchema>;

export const phonexErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string().optional() }),
});
export type PhoneXErrorBody = z.infer<typeof phonexErrorBodySchema>;

// ── Webhooks (docs/api.md) ─────────────────────────────────────────────────────────
export const PHONEX_EVENTS = ["order.accepted", "order.rejected", "order.status_updated", "order.canceled", "inventory.updated"] as const;
export type PhoneXEventName = (typeof PHONEX_EVENTS)[number];

const orderEventFields = {
  order_id: z.string().min(1),
  supplier_order_id: nullishString,
  tracking_number: nullishString,
  carrier: nullishString,
  updated_at: nullishString,
};

export const phonexWebhookSchema = z.discriminatedUnion("event", [
  // The event name carries the status for these three; `status` is informative.
  z.object({ event: z.literal("order.accepted"), status: phonexStatusSchema.optional(), ...orderEventFields }),
  // `reason` is in the contract, but a rejection without one is still a rejection:
  // refusing it would lose the status change.
  z.object({ event: z.literal("order.rejected"), status: phonexStatusSchema.optional(), reason: nullishString, ...orderEventFields }),
  z.object({ event: z.literal("order.canceled"), status: phonexStatusSchema.optional(), ...orderEventFields }),
  z.object({ event: z.literal("order.status_updated"), status: phonexStatusSchema, ...orderEventFields }),
  z.object({ event: z.literal("inventory.updated"), items: z.array(phonexInventoryItemSchema), updated_at: nullishString }),
]);
export type PhoneXWebhookBody = z.infer<typeof phonexWebhookSchema>;
export type PhoneXWebhookInput = z.input<typeof phonexWebhookSchema>;
