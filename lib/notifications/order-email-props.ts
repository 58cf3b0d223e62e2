import { money } from "../money";
import { revealsSourcing } from "../suppliers/registry";
import type { Prisma } from "../db/generated/client";
import type { EmailPropsInput } from "./email-templates";

export type OrderEmailType =
  "order_placed" | "order_accepted" | "order_rejected" | "order_processing" | "order_shipped" | "order_delivered" | "order_canceled" | "order_failed";

type Decimalish = Prisma.Decimal | string;
export type OrderForEmail = {
  id: string;
  number: string;
  status: string;
  reference: string | null;
  currency: string;
  subtotal: Decimalish;
  shippingAddress: unknown;
  createdAt: Date;
  user: { email: string; name: string };
  company: { name: string };
  items: { sku: string; name: string; quantity: number; unitPrice: Decimalish; lineTotal: Decimalish; supplierOrderId?: string | null }[];
  supplierOrders: {
    id?: string;
    status: string;
    trackingNumber: string | null;
    carrier: string | null;
    trackingUrl: string | null;
    lastError: string | null;
    supplier: { name: string };
  }[];
};

type Extra = { appUrl: string; recipientName?: string | null; reason?: string | null; by?: string | null; shipmentOf?: string };

function canceledBy(by: string | null | undefined): "reseller" | "ops" | "supplier" | "system" {
  if (!by) return "system";
  if (by.startsWith("ops:")) return "ops";
  if (by.startsWith("webhook:") || by.startsWith("poll:")) return "supplier";
  if (by === "api" || by === "web") return "reseller";
  return "system";
}

/** Turn an order (as read in the transaction) into the props of its email. */
export function orderEmailProps(type: OrderEmailType, o: OrderForEmail, x: Extra): EmailPropsInput<OrderEmailType> {
  const base = { appUrl: x.appUrl, orderId: o.id, orderNumber: o.number, reference: o.reference, recipientName: x.recipientName ?? null };
  // Reseller emails never name our suppliers (only ops' order_failed does, below).
  const supplierName = null;
  switch (type) {
    case "order_placed":
      return {
        ...base,
        currency: o.currency,
        subtotal: money(o.subtotal),
        lines: o.items.map((i) => ({ sku: i.sku, name: i.name, quantity: i.quantity, unitPrice: money(i.unitPrice), lineTotal: money(i.lineTotal) })),
        shippingAddress: o.shippingAddress as EmailPropsInput<"order_placed">["shippingAddress"],
      };
    case "order_accepted":
    case "order_processing":
      return { ...base, supplierName };
    case "order_rejected":
      // The supplier's own reason (sent with its rejection) is the reseller's news; our internal errors are not.
      // (unless it names the supplier, which would give our sourcing away).
      return {
        ...base,
        supplierName,
        reason: (x.by?.startsWith("webhook:") && x.reason && !revealsSourcing(x.reason) && x.reason) || "The supplier could not fill this order",
      };
    case "order_shipped": {
      const live = o.supplierOrders.filter((s) => s.status !== "rejected" && s.status !== "canceled" && s.status !== "failed");
      const parcels = x.shipmentOf
        ? o.supplierOrders.filter((s) => s.id === x.shipmentOf)
        : live.filter((s) => s.status === "shipped" || s.status === "delivered");
      // No supplier names: resellers see parcels, carriers and tracking, never our sourcing.
      // A supplier's own shipping line ("CJPacket") or tracking link would name it: neutral words instead.
      const shipments = parcels.map((s) => ({
        carrier: s.carrier && !revealsSourcing(s.carrier) ? s.carrier : s.carrier ? NEUTRAL_CARRIER : "Carrier",
        trackingNumber: s.trackingNumber ?? "pending",
        trackingUrl: revealsSourcing(s.trackingUrl) ? null : s.trackingUrl,
        supplierName: null,
        items: s.id ? o.items.filter((i) => i.supplierOrderId === s.id).map((i) => ({ sku: i.sku, name: i.name, quantity: i.quantity })) : null,
      }));
      return {
        ...base,
        partial: x.shipmentOf
          ? live.some((s) => s.id !== x.shipmentOf && s.status !== "shipped" && s.status !== "delivered")
          : o.status === "partially_shipped",
        shipments: shipments.length ? shipments : [{ carrier: "Carrier", trackingNumber: "pending" }],
      };
    }
    case "order_delivered":
      return { ...base, deliveredAt: new Date().toISOString() };
    case "order_canceled":
      return { ...base, canceledBy: canceledBy(x.by), reason: x.reason || null };
    case "order_failed": {
      const failed = o.supplierOrders.find((s) => s.status === "failed");
      return {
        appUrl: x.appUrl,
        orderId: o.id,
        orderNumber: o.number,
        companyName: o.company.name,
        supplierName: failed?.supplier.name ?? null,
        lastError: failed?.lastError || x.reason || "Unknown error",
        failedAt: new Date().toISOString(),
      };
    }
  }
}

/** What a reseller sees for a carrier whose name would give our sourcing away. */
export const NEUTRAL_CARRIER = "Standard shipping";
