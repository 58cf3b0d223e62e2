import { z } from "zod";

/**
 * zod for the WesellCellular direct API (docs/suppliers.md (WesellCellular)).
 *
 * ASSUMED CONTRACT: WesellCellular publishes no API. Everything here is the
 * contract we assume until they hand us theirs; it is kept behind
 * configuration (WSC_API_URL, WSC_EMAIL, WSC_PASSWORD). Where the contract is silent
 * (error bodies, the shipTo shape, ids as numbers or strings) the choice is
 * marked "assumed" below. the contract defines four calls and nothing else: login, the
 * stock list, create, and read by salesOrderId. There is no lookup by
 * reference and no cancel, so neither is modelled here. Objects strip unknown
 * keys (tolerant reader): an added field must not fail a good answer.
 */

/** An id or number the supplier may send as a JSON number or a string. */
const idString = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);
/** Money as a JSON number (assumed, like PhoneX) or a decimal string. */
const amount = z.union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?$/)]);

// ── Auth ───────────────────────────────────────────────────────────────────
export const wscLoginRequestSchema = z.object({ email: z.string().min(1), password: z.string().min(1) });
export type WscLoginRequest = z.infer<typeof wscLoginRequestSchema>;

/** `expiresIn` is assumed to be seconds (the usual OAuth-style meaning). */
export const wscLoginResponseSchema = z.object({
  token: z.string().min(1),
  expiresIn: z
    .union([
      z.number(),
      z
        .string()
        .regex(/^\d+(\.\d+)?$/)
        .transform(Number),
    ])
    .pipe(z.number().positive()),
});
export type WscLoginResponse = z.infer<typeof wscLoginResponseSchema>;

// ── Stock list ─────────────────────────────────────────────────────────────
export const wscStockItemSchema = z.object({
  itemNumber: idString,
  brand: z.string().min(1),
  model: z.string().min(1),
  storage: z.string().min(1),
  color: z.string(),
  grade: z.string().min(1),
  quantity: z.number().int().nonnegative(),
  price: amount,
});
export type WscStockItem = z.infer<typeof wscStockItemSchema>;

export const wscStockPageSchema = z.object({
  items: z.array(wscStockItemSchema),
  page: z.number().int().min(1),
  /** 0 when the list is empty. */
  totalPages: z.number().int().min(0),
});
export type WscStockPage = z.infer<typeof wscStockPageSchema>;

// ── Sales orders ───────────────────────────────────────────────────────────
// the contract's statuses are Pending|Confirmed|Picking|Shipped|Cancelled. "Delivered" is
// read too (tolerant reader: WesellCellular's portal shows carrier delivery, and
// an API that reports it should not fail the read), but nothing requires it: a
// Shipped order is as far as the contract goes, and it simply stays "shipped" here.
export const WSC_STATUSES = ["Pending", "Confirmed", "Picking", "Shipped", "Delivered", "Cancelled"] as const;
export const wscStatusSchema = z.enum(WSC_STATUSES);
export type WscStatus = z.infer<typeof wscStatusSchema>;

const nullishString = z.string().nullish();

/** shipTo: the contract names the field only; we assume our own address keys, camelCase, nulls for blanks. */
export const wscShipToSchema = z.object({
  name: z.string().min(1),
  company: nullishString,
  line1: z.string().min(1),
  line2: nullishString,
  city: z.string().min(1),
  region: nullishString,
  postalCode: z.string().min(1),
  country: z.string().min(2),
  phone: nullishString,
});
export type WscShipTo = z.infer<typeof wscShipToSchema>;

export const wscCreateSalesOrderRequestSchema = z.object({
  reference: z.string().min(1).max(255),
  lines: z.array(z.object({ itemNumber: z.string().min(1), quantity: z.number().int().positive(), price: z.number().nonnegative() })).min(1),
  shipTo: wscShipToSchema,
});
export type WscCreateSalesOrderRequest = z.infer<typeof wscCreateSalesOrderRequestSchema>;

/** the contract says status "Pending"; a repeated reference returns the existing order, so any status is read. */
export const wscCreateSalesOrderResponseSchema = z.object({
  salesOrderId: idString,
  status: wscStatusSchema,
});
export type WscCreateSalesOrderResponse = z.infer<typeof wscCreateSalesOrderResponseSchema>;

/** GET /sales-orders/{id} → `{ salesOrderId, status, trackingNumbers }` (the contract), nothing more is read. */
export const wscSalesOrderSchema = z.object({
  salesOrderId: idString,
  status: wscStatusSchema,
  trackingNumbers: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
});
export type WscSalesOrder = z.infer<typeof wscSalesOrderSchema>;
