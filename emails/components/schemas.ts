import { z } from "zod";

/**
 * zod pieces every email's props share. Each template builds its own schema
 * from these, so the props a template renders are exactly what
 * lib/notifications/render-email.ts validates.
 */

/** Money as the API speaks it: a decimal string with two places ("231.00"). */
export const money = z.string().regex(/^-?\d+\.\d{2}$/, 'Money must be a decimal string with two places, e.g. "231.00"');

/** Only http(s): the link ends up in an href a reseller clicks. */
export const httpUrl = z.url({ protocol: /^https?$/, message: "Must be an http(s) URL" });

/** The portal's public base URL (APP_URL); a trailing slash would double up in links. */
export const appUrl = httpUrl.transform((u) => u.replace(/\/+$/, ""));

/** A free-text value from a supplier or an exception: kept, but bounded so one huge error cannot bloat a mail. */
export function boundedText(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .transform((s) => (s.length > max ? `${s.slice(0, max - 1)}…` : s));
}

export const label = z.string().trim().min(1).max(200);

/** What every reseller-facing order email knows about its order and reader. */
export const orderBase = z.object({
  appUrl,
  orderId: z.string().trim().min(1).max(100),
  orderNumber: label,
  /** The reseller's own PO number, shown so they can match it in their system. */
  reference: label.nullish(),
  recipientName: label.nullish(),
});

export const orderLine = z.object({
  sku: label,
  name: label,
  quantity: z.number().int().positive(),
  unitPrice: money,
  lineTotal: money,
});

export const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, "Currency must be an ISO 4217 code such as USD")
  .default("USD");

export type OrderBase = z.output<typeof orderBase>;
export type OrderLine = z.output<typeof orderLine>;
