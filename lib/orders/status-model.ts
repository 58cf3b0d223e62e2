/**
 * The status model of docs/api.md.
 *
 * pending → submitted → accepted → processing → shipped → delivered, with the
 * exits rejected, canceled and failed. Status only moves forward; an event that
 * would move it backwards is recorded and ignored for status.
 */
export const SUPPLIER_ORDER_STATUSES = ["pending", "submitted", "accepted", "processing", "shipped", "delivered", "rejected", "canceled", "failed"] as const;
export type SupplierOrderStatus = (typeof SUPPLIER_ORDER_STATUSES)[number];

export const ORDER_STATUSES = [
  "pending",
  "submitted",
  "accepted",
  "processing",
  "partially_shipped",
  "shipped",
  "delivered",
  "rejected",
  "canceled",
  "failed",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const RANK: Record<SupplierOrderStatus, number> = {
  pending: 0,
  submitted: 1,
  accepted: 2,
  processing: 3,
  shipped: 4,
  delivered: 5,
  rejected: 9,
  canceled: 9,
  failed: 9,
};

const EXITS = new Set<SupplierOrderStatus>(["rejected", "canceled", "failed"]);

export type TransitionResult =
  | { apply: true; from: SupplierOrderStatus; to: SupplierOrderStatus }
  | { apply: false; reason: "same" | "backwards" | "terminal" | "too_late"; from: SupplierOrderStatus; to: SupplierOrderStatus };

/**
 * May a supplier order move from `from` to `to`?
 * - forward along the happy path: yes (skipping steps is fine: a missed webhook
 *   must not block a later one);
 * - the same status again: no (duplicate);
 * - backwards: no (a late event);
 * - out of delivered/rejected/canceled: no, they are final;
 * - failed → pending is the ops retry, and failed → anything a supplier reports
 *   later (the supplier had the order after all) is accepted;
 * - rejected/canceled only before shipment: a shipped parcel cannot be canceled.
 */
export function transition(from: SupplierOrderStatus, to: SupplierOrderStatus): TransitionResult {
  if (from === to) return { apply: false, reason: "same", from, to };
  if (from === "delivered" || from === "rejected" || from === "canceled") {
    return { apply: false, reason: "terminal", from, to };
  }
  if (from === "failed") {
    if (to === "failed") return { apply: false, reason: "same", from, to };
    return { apply: true, from, to };
  }
  if (EXITS.has(to)) {
    if (to !== "failed" && RANK[from] >= RANK.shipped) return { apply: false, reason: "too_late", from, to };
    return { apply: true, from, to };
  }
  if (RANK[to] > RANK[from]) return { apply: true, from, to };
  return { apply: false, reason: "backwards", from, to };
}

/**
 * The order's status from its supplier orders: the least advanced live one;
 * partially_shipped while some but not all live ones have shipped; failed when
 * any failed (ops must act); rejected/canceled when every one ended that way.
 */
export function aggregateStatus(statuses: SupplierOrderStatus[]): OrderStatus {
  if (statuses.length === 0) return "pending";
  if (statuses.includes("failed")) return "failed";
  const live = statuses.filter((s) => s !== "rejected" && s !== "canceled");
  if (live.length === 0) return statuses.every((s) => s === "canceled") ? "canceled" : "rejected";
  const least = live.reduce((a, b) => (RANK[b] < RANK[a] ? b : a));
  const shipped = live.filter((s) => RANK[s] >= RANK.shipped).length;
  if (shipped > 0 && shipped < live.length) return "partially_shipped";
  return least;
}

/** A supplier order may still be canceled. */
export function isCancelable(status: SupplierOrderStatus) {
  return RANK[status] < RANK.shipped || status === "failed";
}

export function isOpen(status: SupplierOrderStatus) {
  return !EXITS.has(status) && status !== "delivered";
}

const HAPPY_PATH: SupplierOrderStatus[] = ["pending", "submitted", "accepted", "processing", "shipped", "delivered"];

/**
 * The happy-path steps strictly between `from` and `to` that a forward move
 * skips (processing → delivered skips shipped). Only "shipped" and later carry
 * anything a reseller needs (tracking), but the timeline shows them all.
 */
export function skippedSteps(from: SupplierOrderStatus, to: SupplierOrderStatus): SupplierOrderStatus[] {
  const a = HAPPY_PATH.indexOf(from);
  const b = HAPPY_PATH.indexOf(to);
  if (a < 0 || b < 0 || b <= a + 1) return [];
  // Forwarding itself is "submitted": a webhook that beats the forward's answer skips nothing worth showing.
  return HAPPY_PATH.slice(a + 1, b).filter((s) => s !== "submitted");
}

/** What a reseller reads while we cannot place an order (failed, or pending too long): never the supplier's words. */
export const STILL_PLACING = "We are still placing this with our supplier; our team is on it.";
