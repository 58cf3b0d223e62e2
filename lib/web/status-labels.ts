/**
 * Statuses as people read them: "partially_shipped" → "Partially shipped". The one place a status
 * word becomes a label; the API's own word stays on the element (data-status) for scripts and tests.
 * Client-safe.
 */
import type { OrderStatus } from "../orders/status-model";

/** Every order (and supplier order) status, spelled out so a new one cannot go unlabelled. */
const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  pending: "Pending",
  submitted: "Submitted",
  accepted: "Accepted",
  processing: "Processing",
  partially_shipped: "Partially shipped",
  shipped: "Shipped",
  delivered: "Delivered",
  rejected: "Rejected",
  canceled: "Canceled",
  failed: "Failed",
};

/** Words of other lists (sync runs, price changes, offers, deliveries, keys) that read better otherwise. */
const OTHER_LABELS: Record<string, string> = {
  success: "Succeeded",
  running: "Running",
  expiring: "Expiring",
};

/** Any status word as a label: the known ones from the tables above, others "snake_case" → "Snake case". */
export function statusLabel(status: string): string {
  const known = (ORDER_STATUS_LABELS as Record<string, string>)[status] ?? OTHER_LABELS[status];
  if (known) return known;
  const words = status.replace(/[_-]+/g, " ").trim().toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : status;
}
