/**
 * The order DTO the API returns, defined once: serialize-order.ts builds
 * it (and is type-checked against it), the API returns it, and the browser
 * components read it. Types only, and only `import type` below, so a client
 * component importing this file pulls no server code into the bundle.
 */
import type { PlaceOrderInput } from "./schemas";
import type { OrderStatus, SupplierOrderStatus } from "./status-model";

/** As the checkout sent it (addressSchema's output): optional parts are null. */
export type ShippingAddressDto = PlaceOrderInput["shippingAddress"];

export type OrderItemDto = {
  sku: string;
  name: string;
  quantity: number;
  unitPrice: string;
  lineTotal: string;
  /** Ops only: our cost at the supplier the line went to, and the margin. */
  unitCost?: string | null;
  lineCost?: string | null;
  margin?: string | null;
  supplier?: string | null;
};

/**
 * A part of the order. Resellers see it as a parcel: supplier and supplier
 * order id null, a `shipment` number instead, no errors or attempts.
 */
export type SupplierOrderDto = {
  supplier: string | null;
  supplierOrderId: string | null;
  status: SupplierOrderStatus;
  trackingNumber: string | null;
  carrier: string | null;
  trackingUrl: string | null;
  updatedAt: string;
  /** Resellers only: the parcel's number, 1-based. */
  shipment?: number;
  /** Ops only. */
  id?: string;
  reference?: string | null;
  attempts?: number;
  lastError?: string | null;
  /** Ops only: its lines went to another supplier (resellers never see such a part). */
  moved?: boolean;
};

/** Resellers get our own words and neutral sources ("supplier", "ops"); ops get everything. */
export type TimelineEntryDto = {
  at: string;
  type: string;
  status: SupplierOrderStatus | OrderStatus | null;
  orderStatus: OrderStatus | null;
  supplier: string | null;
  source: string;
  message: string | null;
};

export type OrderDto = {
  id: string;
  number: string;
  status: OrderStatus;
  reference: string | null;
  notes: string | null;
  currency: string;
  subtotal: string;
  items: OrderItemDto[];
  shippingAddress: ShippingAddressDto;
  supplierOrders: SupplierOrderDto[];
  timeline: TimelineEntryDto[];
  company: { name: string; customerId: string };
  createdAt: string;
  updatedAt: string;
};

/** GET /api/orders: newest first, keyset-paginated. */
export type OrdersPageDto = { data: OrderDto[]; nextCursor: string | null };

/** GET /api/ops/orders: the page plus every status's count for the board's chips. */
export type OpsOrdersPageDto = OrdersPageDto & { counts: Partial<Record<OrderStatus, number>> };

export type SupplierCallDto = {
  at: string;
  supplier: string;
  operation: string;
  method: string;
  url: string;
  statusCode: number | null;
  ok: boolean;
  durationMs: number;
  error: string | null;
};

export type WebhookEventDto = {
  id: string;
  receivedAt: string;
  source: string;
  eventType: string | null;
  outcome: string;
  verified: boolean;
  httpStatus: number;
  error: string | null;
  dedupeKey: string | null;
};

export type OrderEmailDto = {
  id: string;
  createdAt: string;
  type: string;
  email: string;
  subject: string;
  status: string;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
  /** An ops resend: the email it sent again. */
  resendOfId: string | null;
};

/** GET /api/ops/orders/{id}: the order plus every supplier call, webhook and email about it. */
export type OpsOrderDto = OrderDto & {
  supplierCalls: SupplierCallDto[];
  webhooks: WebhookEventDto[];
  emails: OrderEmailDto[];
};
