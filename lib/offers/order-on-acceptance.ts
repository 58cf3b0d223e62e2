import "server-only";
import { db } from "../db/client";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";
import { publishOfferUpdated } from "../events/publish";
import { orderOffer } from "./order-offer";

/**
 * The worker's job for an offer made with "order on acceptance" once it is accepted (queued in
 * the accepting transaction, so it cannot be lost): order it as its buyer, at the agreed prices,
 * to the address given with the offer, through the same path as the buyer's click (one order
 * under the offer's key, however often this runs). An order that cannot be placed (the buyer's
 * account lost the right to order, a reroute found no stock) is said on the offer's timeline and
 * left to the buyer to order by hand; other failures are retried by the job.
 */
export async function orderAcceptedOffer(offerId: string): Promise<{ ordered?: string; skipped?: string }> {
  const o = await db.offer.findUnique({
    where: { id: offerId },
    select: {
      status: true,
      orderOnAcceptance: true,
      shippingAddress: true,
      companyId: true,
      number: true,
      user: { select: { id: true, email: true, name: true, role: true, companyId: true, companyRole: true, deactivatedAt: true } },
    },
  });
  if (!o || !o.orderOnAcceptance || !o.shippingAddress) return { skipped: "not an order-on-acceptance offer" };
  if (o.status !== "accepted" && o.status !== "ordered") return { skipped: `the offer is ${o.status}` };
  const u = o.user;
  if (u.deactivatedAt || u.companyId !== o.companyId) return note(offerId, o, "the buyer's account can no longer order");
  const principal: Principal = {
    kind: "session",
    userId: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    companyId: o.companyId,
    companyRole: u.companyRole,
  };
  try {
    const { order } = await orderOffer(principal, offerId, { shippingAddress: o.shippingAddress }, "web", { actor: "system" });
    return { ordered: (order as { id: string }).id };
  } catch (err) {
    if (err instanceof AppError) return note(offerId, o, err.message);
    throw err;
  }
}

async function note(offerId: string, o: { companyId: string; number: string }, why: string) {
  const ev = await db.offerEvent.create({
    data: { offerId, type: "noted", status: "accepted", source: "system", message: `Not ordered on acceptance: ${why}. Order it from the offer.` },
    select: { createdAt: true },
  });
  await publishOfferUpdated({ id: offerId, number: o.number, companyId: o.companyId, status: "accepted", updatedAt: ev.createdAt });
  return { skipped: why };
}
