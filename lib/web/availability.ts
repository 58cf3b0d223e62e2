/**
 * What the catalog and the cart say about stock, in one place. The cart never takes more than is
 * available from the catalog; a cart line whose quantity passed the current stock (it fell since)
 * says so. Client-safe.
 */

export type AddToCart = { canAdd: boolean; button: string; note: string | null };

/** The catalog row's Add button for `quantity` more, with `inCart` already in the cart. */
export function addToCart(p: { stock: number; active: boolean }, inCart: number, quantity: number): AddToCart {
  if (!p.active) return { canAdd: false, button: "Unavailable", note: null };
  if (p.stock <= 0) return { canAdd: false, button: "Out of stock", note: null };
  const valid = Number.isInteger(quantity) && quantity >= 1;
  const room = Math.max(0, p.stock - inCart);
  if (room === 0) return { canAdd: false, button: "Add to cart", note: `All ${p.stock} available are in your cart` };
  if (valid && quantity > room) return { canAdd: false, button: "Add to cart", note: inCart > 0 ? `Only ${room} more available` : `Only ${p.stock} available` };
  return { canAdd: valid, button: "Add to cart", note: null };
}

export type LineAvailability = { tone: "ok" | "short" | "out"; label: string };

/** A cart line against the product's current stock (`null`: no longer offered). */
export function lineAvailability(quantity: number, stock: number | null): LineAvailability {
  if (stock === null) return { tone: "out", label: "No longer available" };
  if (stock <= 0) return { tone: "out", label: "Out of stock" };
  if (quantity > stock) return { tone: "short", label: `Only ${stock} available` };
  return { tone: "ok", label: "In stock" };
}
