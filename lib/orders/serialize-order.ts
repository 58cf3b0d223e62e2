import "server-only";
import type { Prisma } from "../db/generated/client";
import { money } from "../money";
import { NEUTRAL_CARRIER } from "../notifications/order-email-props";
import { revealsSourcing } from "../suppliers/registry";
import type { OrderDto, OrderItemDto, ShippingAddressDto } from "./order-dto";
import { STILL_PLACING } from "./status-model";

/** What we read to build the order DTO of docs/api.md (select, not include). */
export const orderSelect = {
  id: true,
  number: true,
  status: true,
  reference: true,
  notes: true,
  currency: true,
  subtotal: true,
  shippingAddress: true,
  createdAt: true,
  updatedAt: true,
  companyId: true,
  company: { select: { name: true, customerId: true } },
  items: {
    select: {
      sku: true,
      name: true,
      quantity: true,
      unitPrice: true,
      lineTotal: true,
      unitCost: true,
      supplierOrder: { select: { supplier: { select: { slug: true } } } },
    },
    orderBy: { id: "asc" },
  },
  supplierOrders: {
    select: {
      id: true,
      status: true,
      supplierOrderId: true,
      reference: true,
      trackingNumber: true,
      carrier: true,
      trackingUrl: true,
      attempts: true,
      lastError: true,
      updatedAt: true,
      movedAt: true,
      supplier: { select: { slug: true, name: true } },
    },
    orderBy: { createdAt: "asc" },
  },
  events: {
    select: {
      createdAt: true,
      type: true,
      status: true,
      orderStatus: true,
      source: true,
      message: true,
      supplierOrder: { select: { supplier: { select: { slug: true } } } },
    },
    orderBy: { createdAt: "asc" },
  },
} satisfies Prisma.OrderSelect;

export type OrderRow = Prisma.OrderGetPayload<{ select: typeof orderSelect }>;

/** Timeline entries a reseller sees; staff see every entry. */
const RESELLER_EVENTS = new Set(["created", "status_changed", "cancel_requested", "cancel_refused", "retry_requested"]);

/** Who caused an entry, as a reseller may know it: them, us, or "the supplier" (never which one). */
function resellerSource(source: string): string {
  if (source === "api" || source === "web") return source;
  if (source.startsWith("webhook:") || source.startsWith("poll:")) return "supplier";
  if (source.startsWith("ops:")) return "ops";
  return "portal";
}

/** Our own words for a reseller's timeline: supplier texts (names, ids, raw errors) stay with ops. */
function resellerMessage(e: OrderRow["events"][number]): string | null {
  switch (e.type) {
    case "created":
      // Placed by ops for the company: "our team", never who.
      return e.source.startsWith("ops:") ? "Order placed by our team" : "Order placed";
    case "status_changed":
      if ((e.orderStatus ?? e.status) === "failed") return STILL_PLACING;
      return e.status ? `Now ${e.status}` : null;
    case "cancel_requested":
      return "Cancellation requested";
    case "cancel_refused":
      return "The cancellation could not be made: the order is too far along";
    case "retry_requested":
      return "Sent again";
    default:
      return null;
  }
}

/** The order DTO (lib/orders/order-dto.ts) as this caller may see it: staff get our sourcing, resellers parcels. */
export function serializeOrder(o: OrderRow, opts: { staff?: boolean } = {}): OrderDto {
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    reference: o.reference,
    notes: o.notes,
    currency: o.currency,
    subtotal: money(o.subtotal),
    items: o.items.map((i) => ({
      sku: i.sku,
      name: i.name,
      quantity: i.quantity,
      unitPrice: money(i.unitPrice),
      lineTotal: money(i.lineTotal),
      // Ops only: what the line costs us at the supplier it went to, and the margin.
      ...(opts.staff ? lineCost(i) : {}),
    })),
    // Written by placeOrder from addressSchema's output, so it has that shape.
    shippingAddress: o.shippingAddress as ShippingAddressDto,
    // Resellers never see our sourcing: for them each supplier order is a parcel (status, carrier,
    // tracking), without the supplier's name, its order id, our reference at it or its errors.
    // A part whose lines moved to another supplier is no parcel at all (ops see it, "moved").
    supplierOrders: o.supplierOrders
      .filter((s) => opts.staff || !s.movedAt)
      .map((s, i) =>
        opts.staff
          ? {
              supplier: s.supplier.slug,
              supplierOrderId: s.supplierOrderId,
              reference: s.reference,
              status: s.status,
              trackingNumber: s.trackingNumber,
              carrier: s.carrier,
              trackingUrl: s.trackingUrl,
              attempts: s.attempts,
              id: s.id,
              lastError: s.lastError,
              moved: s.movedAt !== null,
              updatedAt: s.updatedAt.toISOString(),
            }
          : {
              supplier: null,
              supplierOrderId: null,
              shipment: i + 1,
              status: s.status,
              trackingNumber: s.trackingNumber,
              // A supplier's own shipping line or tracking link would name it.
              carrier: revealsSourcing(s.carrier) ? NEUTRAL_CARRIER : s.carrier,
              trackingUrl: revealsSourcing(s.trackingUrl) ? null : s.trackingUrl,
              updatedAt: s.updatedAt.toISOString(),
            },
      ),
    timeline: o.events
      .filter((e) => opts.staff || RESELLER_EVENTS.has(e.type))
      .map((e) =>
        opts.staff
          ? {
              at: e.createdAt.toISOString(),
              type: e.type,
              status: e.status ?? e.orderStatus ?? null,
              orderStatus: e.orderStatus ?? null,
              supplier: e.supplierOrder?.supplier.slug ?? null,
              source: e.source,
              message: e.message,
            }
          : {
              at: e.createdAt.toISOString(),
              type: e.type,
              status: e.status ?? e.orderStatus ?? null,
              orderStatus: e.orderStatus ?? null,
              supplier: null,
              source: resellerSource(e.source),
              message: resellerMessage(e),
            },
      ),
    company: { name: o.company.name, customerId: o.company.customerId },
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}
function lineCost(i: OrderRow["items"][number]): Pick<OrderItemDto, "unitCost" | "lineCost" | "margin" | "supplier"> {
  if (i.unitCost === null) return { unitCost: null, lineCost: null, margin: null, supplier: i.supplierOrder?.supplier.slug ?? null };
  const costCents = Math.round(Number(i.unitCost) * 100) * i.quantity;
  const totalCents = Math.round(Number(i.lineTotal) * 100);
  return {
    unitCost: money(i.unitCost),
    lineCost: (costCents / 100).toFixed(2),
    margin: ((totalCents - costCents) / 100).toFixed(2),
    supplier: i.supplierOrder?.supplier.slug ?? null,
  };
}
