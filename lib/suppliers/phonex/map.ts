import { money, toCents } from "../../money";
import type { SupplierOrderStatus } from "../../orders/status-model";
import type { Address, CreateSupplierOrderInput, InventoryItem, SupplierEvent, SupplierOrderSnapshot } from "../types";
import type { PhoneXCreateOrderRequest, PhoneXInventoryItem, PhoneXOrder, PhoneXStatus, PhoneXWebhookBody } from "./schemas";

/**
 * PhoneX ⇄ our types, at the edge (the `reshape*` of vercel/commerce).
 * "received" is PhoneX's word for what we call "submitted": the supplier has
 * the order and gave it an id; the rest share our names.
 */
const STATUS: Record<PhoneXStatus, SupplierOrderStatus> = {
  received: "submitted",
  accepted: "accepted",
  rejected: "rejected",
  processing: "processing",
  shipped: "shipped",
  delivered: "delivered",
  canceled: "canceled",
};

export function mapPhoneXStatus(status: PhoneXStatus): SupplierOrderStatus {
  return STATUS[status];
}

export function toPhoneXAddress(a: Address): PhoneXCreateOrderRequest["shipping_address"] {
  // Every key is sent, null when empty, so the body always has the contract's shape.
  return {
    name: a.name,
    company: a.company ?? null,
    line1: a.line1,
    line2: a.line2 ?? null,
    city: a.city,
    region: a.region ?? null,
    postal_code: a.postalCode,
    country: a.country,
    phone: a.phone ?? null,
  };
}

/** The POST /v1/orders body of docs/suppliers.md (PhoneX), key for key. */
export function toPhoneXOrderBody(input: CreateSupplierOrderInput, upstream: string): PhoneXCreateOrderRequest {
  return {
    supplier: input.upstream ?? upstream,
    order_id: input.reference,
    customer_id: input.customerId,
    items: input.items.map((i) => ({
      sku: i.supplierSku,
      quantity: i.quantity,
      // PhoneX wants a JSON number; going through cents keeps "231.1" → 231.1, never 231.09999.
      unit_price: toCents(i.unitPrice) / 100,
    })),
    shipping_address: toPhoneXAddress(input.shippingAddress),
    metadata: { ...(input.metadata ?? {}) },
  };
}

export function toSnapshot(o: PhoneXOrder): SupplierOrderSnapshot {
  return {
    reference: o.order_id,
    supplierOrderId: o.supplier_order_id,
    status: mapPhoneXStatus(o.status),
    trackingNumber: o.tracking_number ?? null,
    carrier: o.carrier ?? null,
    updatedAt: o.updated_at ?? null,
  };
}

export function toInventoryItem(item: PhoneXInventoryItem): InventoryItem {
  return {
    // PhoneX SKUs are the portal's SKUs (the catalog was seeded from PhoneX).
    supplierSku: item.sku,
    sku: item.sku,
    name: item.name,
    brand: item.brand,
    model: item.model,
    storage: item.storage,
    color: item.color,
    grade: item.grade,
    quantity: item.quantity,
    unitPrice: money(item.unit_price),
    currency: item.currency,
  };
}

type OrderEventBody = Exclude<PhoneXWebhookBody, { event: "inventory.updated" }>;

/** The event name decides for accepted/rejected/canceled; status_updated carries it. */
function eventStatus(body: OrderEventBody): SupplierOrderStatus {
  switch (body.event) {
    case "order.accepted":
      return "accepted";
    case "order.rejected":
      return "rejected";
    case "order.canceled":
      return "canceled";
    case "order.status_updated":
      return mapPhoneXStatus(body.status);
  }
}

export function toSupplierEvent(body: PhoneXWebhookBody, eventId: string): SupplierEvent {
  if (body.event === "inventory.updated") {
    return {
      kind: "inventory",
      eventId,
      eventType: body.event,
      items: body.items.map(toInventoryItem),
      occurredAt: body.updated_at ?? null,
    };
  }
  return {
    kind: "order",
    eventId,
    eventType: body.event,
    reference: body.order_id,
    supplierOrderId: body.supplier_order_id ?? null,
    status: eventStatus(body),
    trackingNumber: body.tracking_number ?? null,
    carrier: body.carrier ?? null,
    reason: body.event === "order.rejected" ? (body.reason ?? null) : null,
    occurredAt: body.updated_at ?? null,
  };
}
