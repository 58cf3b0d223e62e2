import { describe, expect, it } from "vitest";
import { fieldsFromIssues } from "../errors";
import { placeOrderSchema } from "./schemas";

const address = { name: "W", line1: "1 St", city: "Miami", postalCode: "33166", country: "us" };

describe("placeOrderSchema", () => {
  it("accepts the contract's example and normalises it", () => {
    const r = placeOrderSchema.parse({ items: [{ sku: "IPHONE12-64GB-A", quantity: 10 }], shippingAddress: address, reference: "PO-88121" });
    expect(r.shippingAddress.country).toBe("US");
    expect(r.shippingAddress.line2).toBeNull();
    expect(r.notes).toBeNull();
  });
  it("names every wrong field by its path", () => {
    const r = placeOrderSchema.safeParse({
      items: [
        { sku: "", quantity: 0 },
        { sku: "X", quantity: 1.5 },
      ],
      shippingAddress: { ...address, country: "USA", city: "" },
    });
    expect(r.success).toBe(false);
    const fields = fieldsFromIssues(r.error!.issues);
    expect(Object.keys(fields).sort()).toEqual(
      ["items.0.quantity", "items.0.sku", "items.1.quantity", "shippingAddress.city", "shippingAddress.country"].sort(),
    );
  });
  it("requires at least one item and an address", () => {
    const r = placeOrderSchema.safeParse({ items: [] });
    expect(Object.keys(fieldsFromIssues(r.error!.issues))).toEqual(expect.arrayContaining(["items", "shippingAddress"]));
  });
});
