import { describe, expect, it } from "vitest";
import { requestIdFor, routeTemplate, withRequestIdHeader } from "./request-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("requestIdFor", () => {
  it("keeps a well-formed X-Request-Id and replaces a missing or malformed one", () => {
    expect(requestIdFor(new Headers({ "x-request-id": "lb-1:42.a_b" }))).toBe("lb-1:42.a_b");
    expect(requestIdFor(new Headers({ "x-request-id": "x".repeat(128) }))).toBe("x".repeat(128));
    expect(requestIdFor(new Headers())).toMatch(UUID);
    for (const bad of ["", "x".repeat(129), "a b", "a\u00e9", "a;b", "<script>"]) expect(requestIdFor(new Headers({ "x-request-id": bad }))).toMatch(UUID);
  });

  it("sets the header on an answer, and leaves an immutable one as it is", () => {
    expect(withRequestIdHeader(new Response("x"), "r1").headers.get("x-request-id")).toBe("r1");
    const frozen = Response.error(); // immutable headers
    expect(() => withRequestIdHeader(frozen, "r1")).not.toThrow();
  });
});

describe("routeTemplate", () => {
  it("names each param's segment, never the raw value", () => {
    expect(routeTemplate("/api/orders", {})).toBe("/api/orders");
    expect(routeTemplate("/api/orders/9f1c2e4a-1", { id: "9f1c2e4a-1" })).toBe("/api/orders/{id}");
    expect(routeTemplate("/api/orders/abc/cancel", { id: "abc" })).toBe("/api/orders/{id}/cancel");
    expect(routeTemplate("/api/ops/orders/o1/notifications/n1/resend", { id: "o1", notificationId: "n1" })).toBe(
      "/api/ops/orders/{id}/notifications/{notificationId}/resend",
    );
    // Percent-encoded values (a SKU with a space) match their decoded param.
    expect(routeTemplate("/api/ops/products/A%20B", { sku: "A B" })).toBe("/api/ops/products/{sku}");
    // A value equal to a static segment: the param is the one nearer the end.
    expect(routeTemplate("/api/orders/orders", { id: "orders" })).toBe("/api/orders/{id}");
  });

  it("gives 'other' when a param is not in the path (no raw path into a label)", () => {
    expect(routeTemplate("/api/orders/x", { id: "y" })).toBe("other");
  });
});
