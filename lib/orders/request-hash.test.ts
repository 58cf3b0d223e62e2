import { describe, expect, it } from "vitest";
import { isUniqueViolation, requestHash } from "./request-hash";

describe("requestHash", () => {
  it("ignores key order but not values", () => {
    const a = requestHash({ items: [{ sku: "A", quantity: 1 }], reference: "PO-1" });
    const b = requestHash({ reference: "PO-1", items: [{ quantity: 1, sku: "A" }] });
    expect(a).toBe(b);
    expect(requestHash({ items: [{ sku: "A", quantity: 2 }], reference: "PO-1" })).not.toBe(a);
  });
  it("treats array order as meaningful", () => {
    expect(requestHash([1, 2])).not.toBe(requestHash([2, 1]));
  });
  it("distinguishes null from a missing field from an empty string", () => {
    expect(requestHash({ a: null })).not.toBe(requestHash({ a: "" }));
    expect(requestHash({ a: null })).not.toBe(requestHash({}));
  });
});

it("recognises Postgres unique violations however Prisma wraps them", () => {
  expect(isUniqueViolation({ code: "P2002" })).toBe(true);
  expect(isUniqueViolation({ cause: { code: "23505" } })).toBe(true);
  expect(isUniqueViolation(new Error("Unique constraint failed on the fields: (`scope`,`key`)"))).toBe(true);
  expect(isUniqueViolation(new Error("connection reset"))).toBe(false);
});
