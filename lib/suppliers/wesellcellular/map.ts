import { money, toCents } from "../../money";
import type { SupplierOrderStatus } from "../../orders/status-model";
import type { Address, CreateSupplierOrderInput, InventoryItem, SupplierOrderSnapshot } from "../types";
import type { WscCreateSalesOrderRequest, WscSalesOrder, WscShipTo, WscStatus, WscStockItem } from "./schemas";

/**
 * WesellCellular ⇄ our types, at the edge. Pure functions, no I/O.
 * (Assumed contract: see schemas.ts.)
 */
const STATUS: Record<WscStatus, SupplierOrderStatus> = {
  // The order is in WSC's system with an id: what we call "submitted".
  Pending: "submitted",
  Confirmed: "accepted",
  Picking: "processing",
  // As far as the contract goes: the order stays "shipped" unless WSC also reports Delivered.
  Shipped: "shipped",
  // Beyond the contract, read when sent (see schemas.ts), never required.
  Delivered: "delivered",
  Cancelled: "canceled",
};

export function mapWscStatus(status: WscStatus): SupplierOrderStatus {
  return STATUS[status];
}

/**
 * One part of a SKU: upper-case, no whitespace. "+" becomes "PLUS" so that
 * "Galaxy S23+" and "Galaxy S23" do not collapse into one SKU; every other
 * character outside A-Z0-9 is dropped, "-" included, since "-" separates parts.
 */
function skuPart(value: string): string {
  return value
    .toUpperCase()
    .replace(/\+/g, "PLUS")
    .replace(/[^A-Z0-9]/g, "");
}

/**
 * Our SKU scheme `${MODEL}-${STORAGE}-${GRADE}` ("iPhone 13", "128GB", "A" →
 * "IPHONE13-128GB-A"), the same as the PhoneX catalog's, so a phone offered by
 * both suppliers lands on one product and routing can choose. Colour is not
 * part of it: two WSC items differing only by colour map to one SKU (two
 * offers of one product).
 */
export function deriveWscSku(item: { model: string; storage: string; grade: string }): string {
  const parts = [item.model, item.storage, item.grade].map(skuPart);
  if (parts.some((p) => p === "")) {
    throw new Error(`Cannot derive a SKU from model "${item.model}", storage "${item.storage}", grade "${item.grade}"`);
  }
  return parts.join("-");
}

export function toInventoryItem(item: WscStockItem): InventoryItem {
  const grade = item.grade.trim().toUpperCase();
  return {
    supplierSku: item.itemNumber,
    sku: deriveWscSku(item),
    name: `${item.model.trim()} ${item.storage.trim()} Grade ${grade}`,
    brand: item.brand.trim(),
    model: item.model.trim(),
    storage: item.storage.trim(),
    color: item.color.trim(),
    grade,
    quantity: item.quantity,
    unitPrice: money(item.price),
    // Assumed: the contract names no currency; WSC is a US wholesaler.
    currency: "USD",
  };
}

export function toWscShipTo(a: Address): WscShipTo {
  // Every key is sent, null when empty, so the body always has one shape.
  return {
    name: a.name,
    company: a.company ?? null,
    line1: a.line1,
    line2: a.line2 ?? null,
    city: a.city,
    region: a.region ?? null,
    postalCode: a.postalCode,
    country: a.country,
    phone: a.phone ?? null,
  };
}

/**
 * POST /sales-orders. `reference` is our supplier-order id (the idempotency
 * key), not the order number: it is unique per supplier order, and WSC
 * answers a repeated reference with the order it already has.
 */
export function toSalesOrderBody(input: CreateSupplierOrderInput): WscCreateSalesOrderRequest {
  return {
    reference: input.idempotencyKey,
    lines: input.items.map((i) => ({
      itemNumber: i.supplierSku,
      quantity: i.quantity,
      // A JSON number through cents: "231.1" → 231.1, never 231.09999.
      price: toCents(i.unitPrice) / 100,
    })),
    shipTo: toWscShipTo(input.shippingAddress),
  };
}

/** the contract's GET answer names no reference: `reference` is ours, from the supplier order we read. */
export function toSnapshot(o: WscSalesOrder, reference: string): SupplierOrderSnapshot {
  const status = mapWscStatus(o.status);
  return {
    reference,
    supplierOrderId: o.salesOrderId,
    status,
    // A split shipment has several; the first is the one we show (the order model holds one).
    trackingNumber: o.trackingNumbers[0] ?? null,
    // the contract names no carrier and no update time.
    carrier: null,
    updatedAt: null,
  };
}
