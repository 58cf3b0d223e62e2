import "server-only";
import { z } from "zod";
import { db, TX_OPTIONS } from "../db/client";
import { AppError } from "../errors";
import { toCents } from "../money";
import type { Principal } from "../auth/principal";
import { publishOfferUpdated } from "../events/publish";
import { placeOrder } from "../orders/place-order";
import { addressSchema } from "../orders/schemas";
import { wellFormedString } from "../wire/well-formed";
import { actorOf } from "./act-on-offer";
import { offerInclude, serializeOffer, type OfferDto } from "./offer-dto";
import { transition, type OfferStatus } from "./state-machine";
import { heldByOffer, releaseHoldsInTx } from "../catalog/offers/offer-holds";

/** POST /api/offers/{id}/order. */
export const orderOfferSchema = z.strictObject({
  shippingAddress: addressSchema,
  reference: wellFormedString().trim().max(100).optional().nullable(),
  notes: wellFormedString().trim().max(2000).optional().nullable(),
});

/**
 * The buyer turns an accepted offer into an order at the agreed prices, while its terms are held.
 * The order goes through order placement like any other (routing, stock, emails, forwarding)
 * under the Idempotency-Key `offer:<id>`, so a second click or a retry never places a second
 * order: it answers the first. The units the offer holds become the order's: the hold is released,
 * the order reserves them and the offer says `ordered` with the order's id, in one transaction.
 */
export async function orderOffer(
  principal: Principal,
  id: string,
  raw: unknown,
  source: "api" | "web",
  opts: { /** Who the timeline says ordered it ("system" for order on acceptance). */ actor?: string } = {},
): Promise<{ offer: OfferDto; order: unknown }> {
  if (actorOf(principal) !== "buyer") throw new AppError("forbidden", "The buyer orders an accepted offer");
  const input = orderOfferSchema.parse(raw ?? {});
  const o = await db.offer.findFirst({ where: { id, companyId: principal.companyId ?? "__none__" }, include: { lines: { orderBy: { id: "asc" } } } });
  if (!o) throw new AppError("not_found", `No offer ${id}`);
  // An offer already ordered answers its order again (the same key replays it).
  if (o.status !== "ordered") orderable(o);
  const actor = opts.actor ?? (source === "api" ? "api" : `buyer:${principal.email}`);
  const placed = await placeOrder(
    principal,
    {
      items: o.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      shippingAddress: input.shippingAddress,
      reference: input.reference ?? o.number,
      notes: input.notes ?? null,
    },
    {
      idempotencyKey: `offer:${o.id}`,
      rawBody: { offer: o.id, ...input },
      source,
      agreedUnitCents: new Map(o.lines.map((l) => [l.sku, toCents(l.unitPrice)])),
      fromOffer: {
        held: await heldByOffer(db, o.id),
        // The hold's release, the order and the offer's "ordered" commit together: the held units
        // become the order's, and a crash leaves either all of it or none.
        transaction: (write, order) =>
          db.$transaction(async (tx) => {
            const [row] = await tx.$queryRaw<{ status: OfferStatus; holdUntil: Date | null }[]>`
              SELECT "status", "holdUntil" FROM "Offer" WHERE "id" = ${o.id} FOR UPDATE`;
            // Ordered meanwhile (a second click): the write meets the key and answers that order.
            if (row!.status !== "ordered") orderable(row!);
            await releaseHoldsInTx(tx, [o.id]);
            await write(tx);
            await tx.offer.update({ where: { id: o.id }, data: { status: "ordered", orderId: order.id } });
            await tx.offerEvent.create({ data: { offerId: o.id, type: "ordered", status: "ordered", source: actor, message: `Order ${order.number}` } });
          }, TX_OPTIONS),
      },
    },
  );
  if (placed.status !== 201) {
    // A stored refusal answered again (the same key): the same error.
    const e = (placed.body as { error?: { code?: string; message?: string; fields?: Record<string, string> } }).error;
    throw new AppError(
      (e?.code as ConstructorParameters<typeof AppError>[0]) ?? "conflict",
      e?.message ?? "The order could not be placed",
      e?.fields ? { fields: e.fields } : {},
    );
  }
  const offer = serializeOffer(await db.offer.findUniqueOrThrow({ where: { id: o.id }, include: offerInclude }));
  await publishOfferUpdated({ ...offer, companyId: o.companyId });
  return { offer, order: placed.body };
}

/** An accepted offer whose hold has not ended may be ordered; anything else is 409 saying why. */
function orderable(o: { status: string; holdUntil: Date | null }) {
  const t = transition(o.status as OfferStatus, "order", "buyer");
  if (!t.ok) throw new AppError("conflict", t.reason, { details: { status: o.status } });
  if (o.holdUntil && o.holdUntil.getTime() <= Date.now())
    throw new AppError("conflict", "The agreed terms were held until " + o.holdUntil.toISOString() + "; make a new offer", {
      details: { status: o.status },
    });
}
