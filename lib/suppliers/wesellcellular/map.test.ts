import { describe, expect, it } from "vitest";
import { phonexCatalog } from "../../../prisma/demo-data/phonex-catalog";
import { deriveWscSku, mapWscStatus, toInventoryItem, toSalesOrderBody, toSnapshot } from "./map";
import { WSC_STATUSES } from "./schemas";
import { wscCatalog } from "../../../prisma/demo-data/wesellcellular-catalog";

describe("deriveWscSku", () => {
  it("is MODEL-STORAGE-GRADE, upper-case, without spaces", () => {
    expect(deriveWscSku({ model: "iPhone 13", storage: "128GB", grade: "A" })).toBe("IPHONE13-128GB-A");
    expect(deriveWscSku({ model: "iPhone 14 Pro", storage: "256GB", grade: "b" })).toBe("IPHONE14PRO-256GB-B");
    expect(deriveWscSku({ model: "  Galaxy  S22 ", storage: " 128 GB", grade: " c " })).toBe("GALAXYS22-128GB-C");
  });

  it("keeps '+' models apart and drops separators that would break the scheme", () => {
    expect(deriveWscSku({ model: "Galaxy S23+", storage: "256GB", grade: "A" })).toBe("GALAXYS23PLUS-256GB-A");
    expect(deriveWscSku({ model: "Galaxy Z Flip-5", storage: "1TB", grade: "A" })).toBe("GALAXYZFLIP5-1TB-A");
    expect(deriveWscSku({ model: "iPhone SE (2022)", storage: "64GB", grade: "B" })).toBe("IPHONESE2022-64GB-B");
  });

  it("throws when a part has nothing left", () => {
    expect(() => deriveWscSku({ model: "—", storage: "64GB", grade: "A" })).toThrow(/Cannot derive a SKU/);
  });

  it("lands on the PhoneX catalog's SKUs for the phones both sell", () => {
    const phonexSkus = new Set(phonexCatalog.map((i) => i.sku));
    const shared = wscCatalog.map(deriveWscSku).filter((s) => phonexSkus.has(s));
    expect(shared).toEqual(expect.arrayContaining(["IPHONE12-64GB-A", "IPHONE13-128GB-A", "GALAXYS22-128GB-B", "PIXEL7-128GB-A"]));
    expect(new Set(wscCatalog.map(deriveWscSku)).size).toBe(wscCatalog.length);
  });
});

describe("mapWscStatus", () => {
  it("maps every WSC status", () => {
    expect(Object.fromEntries(WSC_STATUSES.map((s) => [s, mapWscStatus(s)]))).toEqual({
      Pending: "submitted",
      Confirmed: "accepted",
      Picking: "processing",
      Shipped: "shipped",
      Delivered: "delivered",
      Cancelled: "canceled",
    });
  });
});

describe("toInventoryItem", () => {
  it("names the item our way and keeps WSC's item number as the supplier SKU", () => {
    expect(
      toInventoryItem({ itemNumber: "WSC-1", brand: "Apple", model: "iPhone 13", storage: "128GB", color: "Midnight", grade: "a", quantity: 7, price: 319.5 }),
    ).toEqual({
      supplierSku: "WSC-1",
      sku: "IPHONE13-128GB-A",
      name: "iPhone 13 128GB Grade A",
      brand: "Apple",
      model: "iPhone 13",
      storage: "128GB",
      color: "Midnight",
      grade: "A",
      quantity: 7,
      unitPrice: "319.50",
      currency: "USD",
    });
  });
});

describe("toSalesOrderBody", () => {
  it("sends our supplier-order id as reference, item numbers and prices as numbers", () => {
    const body = toSalesOrderBody({
      idempotencyKey: "so_1",
      reference: "PXSTKL0000001",
      customerId: "c",
      items: [{ sku: "IPHONE13-128GB-A", supplierSku: "WSC-100201", quantity: 3, unitPrice: "319.10" }],
      shippingAddress: { name: "N", line1: "L", city: "C", postalCode: "1", country: "US" },
    });
    expect(body).toStrictEqual({
      reference: "so_1",
      lines: [{ itemNumber: "WSC-100201", quantity: 3, price: 319.1 }],
      shipTo: { name: "N", company: null, line1: "L", line2: null, city: "C", region: null, postalCode: "1", country: "US", phone: null },
    });
  });
});

describe("toSnapshot", () => {
  it("takes the first tracking number and leaves the carrier unknown", () => {
    expect(toSnapshot({ salesOrderId: "SO-1", status: "Shipped", trackingNumbers: ["1Z1", "1Z2"] }, "so_1")).toEqual({
      reference: "so_1",
      supplierOrderId: "SO-1",
      status: "shipped",
      trackingNumber: "1Z1",
      carrier: null,
      updatedAt: null,
    });
    expect(toSnapshot({ salesOrderId: "SO-1", status: "Pending", trackingNumbers: [] }, "so_9")).toEqual({
      reference: "so_9",
      supplierOrderId: "SO-1",
      status: "submitted",
      trackingNumber: null,
      carrier: null,
      updatedAt: null,
    });
  });
});
