import type { ComponentType } from "react";
import { z } from "zod";
import * as accountInvite from "../../emails/account-invite";
import * as lowStock from "../../emails/low-stock";
import * as offerForBuyer from "../../emails/offer-for-buyer";
import * as offerForOps from "../../emails/offer-for-ops";
import * as orderAccepted from "../../emails/order-accepted";
import * as orderCanceled from "../../emails/order-canceled";
import * as orderDelivered from "../../emails/order-delivered";
import * as orderFailed from "../../emails/order-failed";
import * as orderPlaced from "../../emails/order-placed";
import * as orderProcessing from "../../emails/order-processing";
import * as orderRejected from "../../emails/order-rejected";
import * as orderShipped from "../../emails/order-shipped";
import * as outOfStock from "../../emails/out-of-stock";
import * as passwordReset from "../../emails/password-reset";
import * as stockDigest from "../../emails/stock-digest";
import * as syncFailed from "../../emails/sync-failed";
import * as webhookDisabled from "../../emails/webhook-disabled";

/**
 * Email type → template: props schema, subject, plain text and component.
 * No react-dom/server here, so the web app may compose emails (subject and
 * text, stored with the props in the order's transaction); the HTML is
 * rendered by the worker (render-email.ts), which Next.js could not bundle.
 */
export const EMAIL_TYPES = [
  "order_placed",
  "order_accepted",
  "order_rejected",
  "order_processing",
  "order_shipped",
  "order_delivered",
  "order_canceled",
  "order_failed",
  "low_stock",
  "out_of_stock",
  "account_invite",
  "password_reset",
  "webhook_disabled",
  "sync_failed",
  "stock_digest",
  "offer_for_buyer",
  "offer_for_ops",
] as const;
export type EmailType = (typeof EMAIL_TYPES)[number];

export const templates = {
  order_placed: orderPlaced,
  order_accepted: orderAccepted,
  order_rejected: orderRejected,
  order_processing: orderProcessing,
  order_shipped: orderShipped,
  order_delivered: orderDelivered,
  order_canceled: orderCanceled,
  order_failed: orderFailed,
  low_stock: lowStock,
  out_of_stock: outOfStock,
  account_invite: accountInvite,
  password_reset: passwordReset,
  webhook_disabled: webhookDisabled,
  sync_failed: syncFailed,
  stock_digest: stockDigest,
  offer_for_buyer: offerForBuyer,
  offer_for_ops: offerForOps,
} satisfies Record<EmailType, unknown>;

/** The zod schema of each type's props (for validating at enqueue time too). */
export const emailPropsSchemas = Object.fromEntries(EMAIL_TYPES.map((t) => [t, templates[t].schema])) as {
  [K in EmailType]: (typeof templates)[K]["schema"];
};

/** What a caller passes (defaults such as currency may be left out). */
export type EmailPropsInput<T extends EmailType> = z.input<(typeof emailPropsSchemas)[T]>;
/** What the template receives after validation. */
export type EmailProps<T extends EmailType> = z.output<(typeof emailPropsSchemas)[T]>;

export type OrderPlacedEmailProps = EmailPropsInput<"order_placed">;
export type OrderAcceptedEmailProps = EmailPropsInput<"order_accepted">;
export type OrderRejectedEmailProps = EmailPropsInput<"order_rejected">;
export type OrderProcessingEmailProps = EmailPropsInput<"order_processing">;
export type OrderShippedEmailProps = EmailPropsInput<"order_shipped">;
export type OrderDeliveredEmailProps = EmailPropsInput<"order_delivered">;
export type OrderCanceledEmailProps = EmailPropsInput<"order_canceled">;
export type OrderFailedEmailProps = EmailPropsInput<"order_failed">;
export type LowStockEmailProps = EmailPropsInput<"low_stock">;
export type OutOfStockEmailProps = EmailPropsInput<"out_of_stock">;

/** The union of every { type, props } pair, for code that carries emails around. */
export type AnyEmail = { [K in EmailType]: { type: K; props: EmailPropsInput<K> } }[EmailType];

export type RenderedEmail = { subject: string; html: string; text: string };

/**
 * Bad props are a bug in the caller, not a passing outage: retrying will not
 * fix them, so the queue can fail such a job at once (check `instanceof`).
 */
export class InvalidEmailPropsError extends Error {
  constructor(
    readonly type: string,
    readonly issues: z.core.$ZodIssue[],
  ) {
    super(`Invalid props for email "${type}": ${issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
    this.name = "InvalidEmailPropsError";
  }
}

export function isEmailType(type: string): type is EmailType {
  return (EMAIL_TYPES as readonly string[]).includes(type);
}

/** Validate props for a type; throws InvalidEmailPropsError (unknown type included). */
export function parseEmailProps<T extends EmailType>(type: T, props: unknown): EmailProps<T> {
  if (!isEmailType(type)) throw new InvalidEmailPropsError(String(type), [{ code: "custom", path: [], message: "Unknown email type", input: type }]);
  const parsed = emailPropsSchemas[type].safeParse(props);
  if (!parsed.success) throw new InvalidEmailPropsError(type, parsed.error.issues);
  return parsed.data as EmailProps<T>;
}

export type Template<P> = { default: ComponentType<P>; subject(p: P): string; text(p: P): string };

export function templateFor<T extends EmailType>(type: T) {
  // The map is keyed by type, so this template takes exactly these props; TS cannot follow that through the generic.
  return templates[type] as unknown as Template<EmailProps<T>>;
}

/** Validate the props and produce what needs no React renderer: subject and text. */
export function composeEmail<T extends EmailType>(type: T, props: EmailPropsInput<T>) {
  const data = parseEmailProps(type, props);
  const t = templateFor(type);
  return { subject: t.subject(data), text: t.text(data), props: data };
}
