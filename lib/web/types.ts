/**
 * The JSON shapes of contracts.md §1 as the browser sees them. Client-safe:
 * no server imports, so client components may use these.
 */
import type { OrderStatus } from "../orders/status-model";

export type { OrderStatus };

export type Product = {
  sku: string;
  name: string;
  brand: string;
  model: string;
  storage: string;
  color: string;
  grade: string;
  price: string;
  stock: number;
  active: boolean;
};

export type Page<T> = { data: T[]; nextCursor: string | null };

export type ShippingAddress = {
  name: string;
  company: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  phone: string;
};

export type OrderItem = {
  sku: string; name: string; quantity: number; unitPrice: string; lineTotal: string;
  /** Ops only: our cost at the supplier the line went to, and the margin. */
  unitCost?: string | null; lineCost?: string | null; margin?: string | null; supplier?: string | null;
};

/** A part of the order; resellers see it as a parcel (no supplier, no supplier order id). */
export type SupplierOrder = {
  supplier: string | null;
  supplierOrderId: string | null;
  shipment?: number;
  status: string;
  trackingNumber?: string | null;
  carrier?: string | null;
  trackingUrl?: string | null;
  lastError?: string | null;
  attempts?: number | null;
};

export type TimelineEntry = {
  at: string;
  type: string;
  status?: string | null;
  source?: string | null;
  message?: string | null;
};

export type Order = {
  id: string;
  number: string;
  status: OrderStatus;
  reference: string | null;
  notes?: string | null;
  currency: string;
  subtotal: string;
  items: OrderItem[];
  shippingAddress: Partial<ShippingAddress> | null;
  supplierOrders: SupplierOrder[];
  timeline: TimelineEntry[];
  createdAt: string;
  updatedAt: string;
  company?: { name: string } | null;
  /** Not in the contract; shown to ops when the API sends it. */
  lastError?: string | null;
};

/** A row of the ops board; only the fields the board shows are relied on. */
export type OpsOrderSummary = Pick<Order, "id" | "number" | "status" | "reference" | "subtotal" | "updatedAt"> & {
  createdAt?: string;
  currency?: string;
  company?: { name: string } | null;
};

export type OpsOrdersPage = Page<OpsOrderSummary> & { counts?: Partial<Record<OrderStatus, number>> };

export type SupplierCall = {
  at: string;
  operation: string;
  method: string;
  url: string;
  statusCode: number | null;
  ok: boolean;
  durationMs: number | null;
  error: string | null;
};

export type WebhookLog = {
  receivedAt: string;
  eventType: string;
  outcome: string;
  verified: boolean;
  httpStatus: number | null;
  error: string | null;
};

export type EmailLog = {
  createdAt: string;
  type: string;
  email: string;
  subject: string;
  status: string;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
};

export type OpsOrder = Order & {
  supplierCalls?: SupplierCall[];
  webhooks?: WebhookLog[];
  emails?: EmailLog[];
};

/** The error body of contracts.md §1; out_of_stock / unknown_sku add details at top level. */
export type ApiErrorBody = {
  code: string;
  message: string;
  fields?: Record<string, string>;
  sku?: string;
  skus?: unknown;
  available?: number;
  [extra: string]: unknown;
};

/** `order.updated` on /api/events. */
export type OrderUpdatedEvent = { orderId: string; number: string; status: OrderStatus; companyId: string; updatedAt: string };
