/** The events a reseller's endpoint may subscribe to (docs/api.md, the OpenAPI `webhooks`). */
export const OUTBOUND_EVENTS = [
  "order.created",
  "order.updated",
  "order.shipped",
  "order.delivered",
  "order.canceled",
  "order.failed",
  // Each step of an offer (prisma/migrations/…_offer_webhooks.sql).
  "offer.created",
  "offer.countered",
  "offer.accepted",
  "offer.declined",
  "offer.withdrawn",
  "offer.expired",
  "offer.ordered",
] as const;
export type OutboundEvent = (typeof OUTBOUND_EVENTS)[number];

/**
 * When a delivery is tried again after a failure (the published schedule): at once, then 5 s,
 * 5 min, 30 min, 2 h, 5 h, 10 h and 10 h. `attempt` is the number of attempts made so far;
 * null when none is left.
 */
export const RETRY_SCHEDULE_MS = [0, 5_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 5 * 3600_000, 10 * 3600_000, 10 * 3600_000] as const;
export function nextRetryDelayMs(attemptsMade: number): number | null {
  return attemptsMade >= 1 && attemptsMade < RETRY_SCHEDULE_MS.length ? RETRY_SCHEDULE_MS[attemptsMade]! : null;
}

/** An endpoint failing without a success for this long is disabled (and its owners told). */
export const DISABLE_AFTER_MS = 5 * 24 * 3600_000;
/** Each attempt waits at most this long for an answer. */
export const DELIVERY_TIMEOUT_MS = 10_000;
