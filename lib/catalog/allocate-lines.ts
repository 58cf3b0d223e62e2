/**
 * Route order lines to supplier offers: for each line, the preferred offer
 * (lowest priority number) in stock, ties broken by cost; a line larger than
 * any one offer is split across offers in that order. Pure, so it is tested
 * without a database.
 */
export type OfferForRouting = { id: string; supplierId: string; supplierSku: string; cost: string; stock: number; priority: number };
export type Allocation<O extends OfferForRouting = OfferForRouting> = { offer: O; quantity: number };

export function sortOffers<O extends OfferForRouting>(offers: O[]): O[] {
  return [...offers].sort((a, b) => a.priority - b.priority || Number(a.cost) - Number(b.cost) || a.id.localeCompare(b.id));
}

/** Allocations for `quantity`, or null with what is available when stock falls short. */
export function allocateLine<O extends OfferForRouting>(
  offers: O[],
  quantity: number,
): { ok: true; allocations: Allocation<O>[] } | { ok: false; available: number } {
  const usable = sortOffers(offers.filter((o) => o.stock > 0));
  const whole = usable.find((o) => o.stock >= quantity);
  if (whole) return { ok: true, allocations: [{ offer: whole, quantity }] };
  const allocations: Allocation<O>[] = [];
  let left = quantity;
  for (const o of usable) {
    if (left === 0) break;
    const take = Math.min(o.stock, left);
    allocations.push({ offer: o, quantity: take });
    left -= take;
  }
  if (left > 0) return { ok: false, available: quantity - left };
  return { ok: true, allocations };
}
