import { describe, expect, it } from "vitest";
import { addToCart, lineAvailability } from "./availability";

describe("addToCart", () => {
  const phone = { stock: 5, active: true };

  it("adds up to the stock, no more", () => {
    expect(addToCart(phone, 0, 5)).toEqual({ canAdd: true, button: "Add to cart", note: null });
    expect(addToCart(phone, 0, 6)).toEqual({ canAdd: false, button: "Add to cart", note: "Only 5 available" });
  });

  it("counts what is already in the cart", () => {
    expect(addToCart(phone, 3, 2).canAdd).toBe(true);
    expect(addToCart(phone, 3, 3)).toEqual({ canAdd: false, button: "Add to cart", note: "Only 2 more available" });
    expect(addToCart(phone, 5, 1)).toEqual({ canAdd: false, button: "Add to cart", note: "All 5 available are in your cart" });
  });

  it("says out of stock, and unavailable, on a disabled button", () => {
    expect(addToCart({ stock: 0, active: true }, 0, 1)).toEqual({ canAdd: false, button: "Out of stock", note: null });
    expect(addToCart({ stock: 9, active: false }, 0, 1)).toEqual({ canAdd: false, button: "Unavailable", note: null });
  });

  it("refuses a quantity that is not a whole number from 1", () => {
    expect(addToCart(phone, 0, 0).canAdd).toBe(false);
    expect(addToCart(phone, 0, 1.5).canAdd).toBe(false);
    expect(addToCart(phone, 0, Number.NaN).canAdd).toBe(false);
  });
});

describe("lineAvailability", () => {
  it("tells a cart line how it stands against current stock", () => {
    expect(lineAvailability(2, 10)).toEqual({ tone: "ok", label: "In stock" });
    expect(lineAvailability(10, 10)).toEqual({ tone: "ok", label: "In stock" });
    expect(lineAvailability(11, 3)).toEqual({ tone: "short", label: "Only 3 available" });
    expect(lineAvailability(1, 0)).toEqual({ tone: "out", label: "Out of stock" });
    expect(lineAvailability(1, null)).toEqual({ tone: "out", label: "No longer available" });
  });
});
