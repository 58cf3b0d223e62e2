/**
 * The JSON shapes of docs/api.md as the browser sees them. Client-safe:
 * no server imports, so client components may use these.
 */
import type { OrderStatus } from "../orders/status-model";
import type { CatalogProductView } from "../catalog/catalog-view";

export type { OrderStatus };

/** A catalog product as GET /api/products shows it (one definition: lib/catalog/catalog-view.ts). */
export type Product = CatalogProductView;

export type Page<T> = { data: T[]; nextCursor: string | null };

/** The checkout form's address, each field as typed (an order carries lib/orders/order-dto.ts ShippingAddressDto). */
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

// The order DTO (and the order pages) live in lib/orders/order-dto.ts, shared with the serializer.

/** The error body of docs/api.md; out_of_stock / unknown_sku add details at top level. */
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
