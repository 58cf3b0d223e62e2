import type { WscCreateSalesOrderRequest, WscStatus } from "../../../lib/suppliers/wesellcellular/schemas";

/**
 * One sales order inside the simulator and how it moves:
 * Pending → Confirmed → Picking → Shipped (with a tracking number), then
 * Delivered only when the reportDelivered knob allows it (Delivered is not a the contract
 * status). Cancelled before Shipped when WSC's own people cancel it (the
 * /__sim cancel; the contract gives buyers no cancel call). Pure functions; the
 * simulator owns the timers. There are no webhooks: the portal polls.
 */
export type SimSalesOrder = {
  salesOrderId: string;
  reference: string;
  lines: WscCreateSalesOrderRequest["lines"];
  shipTo: WscCreateSalesOrderRequest["shipTo"];
  status: WscStatus;
  trackingNumbers: string[];
  createdAt: string;
  updatedAt: string;
};

export const CANCELABLE: ReadonlySet<WscStatus> = new Set(["Pending", "Confirmed", "Picking"]);

const NEXT: Partial<Record<WscStatus, WscStatus>> = { Pending: "Confirmed", Confirmed: "Picking", Picking: "Shipped", Shipped: "Delivered" };

/** The status after one step, or null when the order is final (Shipped is, strictly by the contract). */
export function nextStatus(o: SimSalesOrder, opts: { reportDelivered: boolean }): WscStatus | null {
  if (o.status === "Shipped" && !opts.reportDelivered) return null;
  return NEXT[o.status] ?? null;
}

/** A UPS-shaped tracking number (1Z + shipper 999AA1 + 10 digits), unique per sequence number. */
export function trackingNumber(seq: number): string {
  return `1Z999AA1${String(223456784 + seq * 7919)
    .padStart(10, "0")
    .slice(-10)}`;
}

export function applyStatus(o: SimSalesOrder, status: WscStatus, now: Date, seq: number): void {
  o.status = status;
  if (status === "Shipped" && o.trackingNumbers.length === 0) o.trackingNumbers.push(trackingNumber(seq));
  o.updatedAt = now.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** GET /sales-orders/{id}: exactly the contract's fields, nothing more. */
export function orderView(o: SimSalesOrder) {
  return {
    salesOrderId: o.salesOrderId,
    status: o.status,
    trackingNumbers: [...o.trackingNumbers],
  };
}
