import type { PhoneXCreateOrderRequest, PhoneXEventName, PhoneXStatus } from "../../../lib/suppliers/phonex/schemas";

/**
 * One PhoneX order inside the simulator and how it moves:
 * received → accepted → processing → shipped → delivered, or received →
 * rejected (a SKU in rejectSkus), or → canceled once a cancel was requested
 * before shipment. Pure functions; the simulator owns timers and delivery.
 */
export type SimOrder = {
  id: string;
  order_id: string;
  supplier_order_id: string | null;
  supplier: string;
  customer_id: string;
  items: PhoneXCreateOrderRequest["items"];
  shipping_address: PhoneXCreateOrderRequest["shipping_address"];
  metadata: Record<string, unknown>;
  status: PhoneXStatus;
  tracking_number: string | null;
  carrier: string | null;
  reason: string | null;
  cancel_requested: boolean;
  idempotency_key: string;
  created_at: string;
  updated_at: string;
};

export const TERMINAL: ReadonlySet<PhoneXStatus> = new Set(["delivered", "rejected", "canceled"]);

export type Step = {
  status: PhoneXStatus;
  event: Exclude<PhoneXEventName, "inventory.updated">;
  supplierOrderId?: string;
  trackingNumber?: string;
  carrier?: string;
  reason?: string;
};

/** The next step for an order, or null when it is final. */
export function nextStep(o: SimOrder, ctx: { rejectSkus: string[]; seq: number }): Step | null {
  if (TERMINAL.has(o.status)) return null;
  if (o.cancel_requested) return { status: "canceled", event: "order.canceled" };
  switch (o.status) {
    case "received": {
      const bad = o.items.find((i) => ctx.rejectSkus.includes(i.sku));
      if (bad) return { status: "rejected", event: "order.rejected", reason: `SKU ${bad.sku} is not available from the supplier` };
      return { status: "accepted", event: "order.accepted", supplierOrderId: `ORD${845140 + ctx.seq}` };
    }
    case "accepted":
      return { status: "processing", event: "order.status_updated" };
    case "processing":
      return {
        status: "shipped",
        event: "order.status_updated",
        carrier: "UPS",
        // UPS-shaped: 1Z + shipper 999AA1 + 10 digits.
        trackingNumber: `1Z999AA1${String(123456784 + ctx.seq * 7919)
          .padStart(10, "0")
          .slice(-10)}`,
      };
    case "shipped":
      return { status: "delivered", event: "order.status_updated" };
    default:
      return null;
  }
}

export function applyStep(o: SimOrder, step: Step, now: Date): void {
  o.status = step.status;
  if (step.supplierOrderId) o.supplier_order_id = step.supplierOrderId;
  if (step.trackingNumber) o.tracking_number = step.trackingNumber;
  if (step.carrier) o.carrier = step.carrier;
  if (step.reason) o.reason = step.reason;
  o.updated_at = now.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** GET /v1/orders/{order_id}, exactly the contract's fields. */
export function orderView(o: SimOrder) {
  return {
    order_id: o.order_id,
    supplier_order_id: o.supplier_order_id,
    status: o.status,
    tracking_number: o.tracking_number,
    carrier: o.carrier,
    updated_at: o.updated_at,
  };
}

/** The webhook body of docs/api.md (PhoneX webhooks) for the step just applied. */
export function webhookBody(o: SimOrder, event: Step["event"]) {
  return {
    event,
    ...orderView(o),
    ...(event === "order.rejected" ? { reason: o.reason } : {}),
  };
}
