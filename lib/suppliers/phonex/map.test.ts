import { describe, expect, it } from "vitest";
import { PHONEX_STATUSES } from "./schemas";
import { mapPhoneXStatus, toInventoryItem, toPhoneXOrderBody, toSnapshot, toSupplierEvent } from "./map";

describe("mapPhoneXStatus", () => {
  it("maps received to submitted and keeps the rest", () => {
    expect(Object.fromEntries(PHONEX_STATUSES.map((s) => [s, mapPhoneXStatus(s)]))).toEqual({
      received: "submitted",
      accepted: "accepted",
      rejected: "rejected",
      processing: "processing",
      shipped: "shipped",
      delivered: "delivered",
      canceled: "canceled",
    });
  });
});

describe("toPhoneXOrderBody", () => {
  it("builds the contract body with snake_case address, number prices and nulls for empty fields", () => {
    const body = toPhoneXOrderBody(
      {
        idempotencyKey: "so_1",
        reference: "PXSTKL0000347",
        customerId: "worldtech-1734",
        items: [{ sku: "IPHONE12-64GB-A", supplierSku: "IPHONE12-64GB-A", quantity: 10, unitPrice: "231.10" }],
        shippingAddress: { name: "R", line1: "1 Main", city: "Miami", postalCode: "33166", country: "US" },
      },
      "wesellcellular",
    );
    expect(body).toStrictEqual({
      supplier: "wesellcellular",
      order_id: "PXSTKL0000347",
      customer_id: "worldtech-1734",
      items: [{ sku: "IPHONE12-64GB-A", quantity: 10, unit_price: 231.1 }],
      shipping_address: {
        name: "R",
        company: null,
        line1: "1 Main",
        line2: null,
        city: "Miami",
        region: null,
        postal_code: "33166",
        country: "US",
        phone: null,
      },
      metadata: {},
    });
  });
});

describe("toSnapshot / toInventoryItem", () => {
  it("maps an order and an inventory item", () => {
    expect(toSnapshot({ order_id: "R1", supplier_order_id: "ORD1", status: "shipped", tracking_number: "1Z", carrier: "UPS", updated_at: "t" })).toEqual({
      reference: "R1",
      supplierOrderId: "ORD1",
      status: "shipped",
      trackingNumber: "1Z",
      carrier: "UPS",
      updatedAt: "t",
    });
    const item = toInventoryItem({
      sku: "IPHONE12-64GB-A",
      name: "iPhone 12 64GB Grade A",
      brand: "Apple",
      model: "iPhone 12",
      storage: "64GB",
      color: "Blue",
      grade: "A",
      quantity: 5,
      unit_price: 231,
      currency: "USD",
    });
    expect(item).toMatchObject({ sku: "IPHONE12-64GB-A", supplierSku: "IPHONE12-64GB-A", unitPrice: "231.00", quantity: 5 });
  });
});

describe("toSupplierEvent", () => {
  const base = { order_id: "R1", supplier_order_id: "ORD1", updated_at: "2025-10-30T18:06:39Z" };
  it("takes the status from the event name for accepted/rejected/canceled", () => {
    expect(toSupplierEvent({ event: "order.accepted", ...base }, "e1")).toMatchObject({ kind: "order", status: "accepted", reference: "R1" });
    expect(toSupplierEvent({ event: "order.rejected", reason: "no stock", ...base }, "e2")).toMatchObject({ status: "rejected", reason: "no stock" });
    expect(toSupplierEvent({ event: "order.canceled", ...base }, "e3")).toMatchObject({ status: "canceled" });
  });
  it("takes it from the body for status_updated", () => {
    const ev = toSupplierEvent({ event: "order.status_updated", status: "received", ...base, tracking_number: null }, "e4");
    expect(ev).toMatchObject({ status: "submitted", eventId: "e4", occurredAt: "2025-10-30T18:06:39Z" });
  });
});
