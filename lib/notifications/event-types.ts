/**
 * The events a user's notification center holds, by audience, with the labels the preferences
 * page shows. The audiences here are the ones the trigger portal_notification_fanout (migration
 * 20261204020000) fans each email type out to; tests/integration/notification-center.test.ts
 * checks the two agree. No server imports: the preferences page renders these too.
 */
export const RESELLER_EVENTS = [
  "order_placed",
  "order_accepted",
  "order_rejected",
  "order_processing",
  "order_shipped",
  "order_delivered",
  "order_canceled",
  "offer_for_buyer",
] as const;
/** Company owners only, on top of the order events. */
export const OWNER_EVENTS = ["webhook_disabled"] as const;
export const STAFF_EVENTS = ["order_failed", "low_stock", "out_of_stock", "sync_failed", "offer_for_ops"] as const;
/** The types that may be sent as one daily digest instead of an email each. */
export const DIGEST_EVENTS = ["low_stock", "out_of_stock"] as const;

export type NotificationEvent = (typeof RESELLER_EVENTS)[number] | (typeof OWNER_EVENTS)[number] | (typeof STAFF_EVENTS)[number];
export const ALL_EVENTS: readonly NotificationEvent[] = [...RESELLER_EVENTS, ...OWNER_EVENTS, ...STAFF_EVENTS];

export const EVENT_LABELS: Record<NotificationEvent, string> = {
  order_placed: "Order placed",
  order_accepted: "Order accepted",
  order_rejected: "Order rejected",
  order_processing: "Order processing",
  order_shipped: "Parcel shipped",
  order_delivered: "Order delivered",
  order_canceled: "Order canceled",
  offer_for_buyer: "Our answer to your offer",
  webhook_disabled: "Webhook endpoint disabled",
  order_failed: "Order failed or stuck",
  low_stock: "Low stock",
  out_of_stock: "Out of stock",
  sync_failed: "Supplier sync failed",
  offer_for_ops: "An offer to answer",
};

/** The events this kind of user can receive (and so set preferences for). */
export function eventsFor(user: { role: string; companyRole?: string | null }): readonly NotificationEvent[] {
  if (user.role === "ops" || user.role === "admin") return STAFF_EVENTS;
  return user.companyRole === "owner" ? [...RESELLER_EVENTS, ...OWNER_EVENTS] : RESELLER_EVENTS;
}
