import { describe, expect, it } from "vitest";
import { SupplierError, type CreateSupplierOrderInput } from "../types";
import { countryName, describeVariant, mapCjStatus, pickLogistic, toCjOrderBody, toInventoryItem } from "./map";
import { CJ_ORDER_STATUSES } from "./schemas";

describe("mapCjStatus", () => {
  it("maps every CJ status as documented", () => {
    expect(Object.fromEntries(CJ_ORDER_STATUSES.map((s) => [s, mapCjStatus(s)]))).toEqual({
      CREATED: "submitted",
      IN_CART: "submitted",
      UNPAID: "submitted",
      UNSHIPPED: "processing",
      SHIPPED: "shipped",
      DELIVERED: "delivered",
      CANCELLED: "canceled",
    });
  });
});

describe("pickLogistic", () => {
  it("picks the cheapest line, string prices included, first on a tie", () => {
    const options = [
      { logisticName: "DHL", logisticPrice: 30 },
      { logisticName: "CJPacket", logisticPrice: 6.35 },
      { logisticName: "Yun", logisticPrice: 6.35 },
    ];
    expect(pickLogistic(options, "CN → US").logisticName).toBe("CJPacket");
  });
  it("no line at all is permanent invalid_logistic", () => {
    expect(() => pickLogistic([], "US → FR")).toThrow(SupplierError);
    expect(() => pickLogistic([], "US → FR")).toThrow(expect.objectContaining({ kind: "permanent", details: { code: "invalid_logistic" } }));
  });
});

describe("toCjOrderBody", () => {
  const input: CreateSupplierOrderInput = {
    idempotencyKey: "so_1",
    reference: "R",
    customerId: "c",
    items: [{ sku: "X", supplierSku: "CJ-VID-1B", quantity: 3, unitPrice: "1.00" }],
    shippingAddress: { name: "N", line1: "1 Rue", line2: null, city: "Lyon", postalCode: "69001", country: "fr" },
  };
  it("fills empty optional fields with empty strings, never leaves keys out", () => {
    expect(toCjOrderBody(input, { logisticName: "CJPacket", fromCountryCode: "CN", payType: 2 })).toEqual({
      orderNumber: "so_1",
      shippingCountryCode: "FR",
      shippingCountry: "France",
      shippingProvince: "",
      shippingCity: "Lyon",
      shippingCustomerName: "N",
      shippingAddress: "1 Rue",
      shippingZip: "69001",
      shippingPhone: "",
      logisticName: "CJPacket",
      fromCountryCode: "CN",
      payType: 2,
      products: [{ vid: "CJ-VID-1B", quantity: 3 }],
    });
  });
  it("names countries in English", () => {
    expect(countryName("US")).toBe("United States");
    expect(countryName("de")).toBe("Germany");
  });
});

describe("describeVariant / toInventoryItem", () => {
  const v = {
    vid: "CJ-VID-1004B",
    pid: "CJ-PID-1004",
    variantSku: "IPHONE13-128GB-B",
    variantNameEn: "Apple iPhone 13 128GB Midnight Grade B",
    variantName: null,
    variantKey: "Midnight-128GB-B",
    variantSellPrice: 284,
    inventories: null,
  };
  it("reads brand, model, storage, color and grade out of CJ's names", () => {
    expect(describeVariant(v, "Apple iPhone 13 128GB Midnight (Refurbished)")).toEqual({
      brand: "Apple",
      model: "iPhone 13",
      storage: "128GB",
      color: "Midnight",
      grade: "B",
    });
    expect(describeVariant(v)).toEqual({ brand: "Apple", model: "iPhone 13", storage: "128GB", color: "Midnight", grade: "B" });
  });
  it("keys the item by vid, with the variant SKU as ours and money as a two-place string", () => {
    expect(toInventoryItem({ ...v, variantSellPrice: 247.1 }, 12)).toMatchObject({
      supplierSku: "CJ-VID-1004B",
      sku: "IPHONE13-128GB-B",
      quantity: 12,
      unitPrice: "247.10",
      currency: "USD",
    });
  });
});
