/**
 * What needs a human (issue 14), by kind: its label, what ops may do about it, and the SLA
 * defaults. Pure: the scan, the API and the page read it.
 */
export const EXCEPTION_KINDS = [
  "forward_failed",
  "stuck",
  "rejected_no_reroute",
  "webhook_unknown_order",
  "supplier_mismatch",
  "webhook_failed",
  "offer_expiring",
  "hold_expiring",
] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

export const EXCEPTION_ACTIONS = ["retry", "reroute", "cancel", "resolve"] as const;
export type ExceptionAction = (typeof EXCEPTION_ACTIONS)[number];

export const KIND_INFO: Record<ExceptionKind, { label: string; actions: readonly ExceptionAction[] }> = {
  forward_failed: { label: "Forwarding failed", actions: ["retry", "reroute", "cancel", "resolve"] },
  stuck: { label: "Stuck longer than the supplier's SLA", actions: ["cancel", "resolve"] },
  rejected_no_reroute: { label: "Rejected, no other supplier took it", actions: ["reroute", "cancel", "resolve"] },
  webhook_unknown_order: { label: "Webhook for an unknown order", actions: ["resolve"] },
  supplier_mismatch: { label: "Supplier's answer contradicts ours", actions: ["resolve"] },
  webhook_failed: { label: "Webhook could not be processed", actions: ["resolve"] },
  offer_expiring: { label: "Offer about to expire unanswered", actions: ["resolve"] },
  hold_expiring: { label: "Accepted offer's hold about to end", actions: ["resolve"] },
};

/** Supplier-order statuses an SLA can be set for, and how long each may last by default (hours). */
export const SLA_STATUSES = ["pending", "submitted", "accepted", "processing", "shipped"] as const;
export type SlaStatus = (typeof SLA_STATUSES)[number];
export const DEFAULT_SLA_HOURS: Record<SlaStatus, number> = { pending: 1, submitted: 4, accepted: 24, processing: 48, shipped: 240 };

/** Offers and holds this close to their end are exceptions. */
export const EXPIRING_WITHIN_HOURS = 4;

/** "5 h", "2 d 3 h": how long something has lasted, for reasons. */
export function humanHours(hours: number): string {
  const h = Math.max(0, Math.floor(hours));
  if (h < 48) return `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}
