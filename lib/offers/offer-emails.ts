import "server-only";
import type { Tx } from "../db/client";
import { env } from "../env";
import { formatCents, money, toCents } from "../money";
import { queueEmailInTx } from "../notifications/queue-email";
import { staffRecipients } from "../notifications/staff-recipients";
import type { OutboxRef } from "../queue/outbox";

/** A step of an offer, as the other side is told of it. */
export type OfferEmailEvent = "made" | "countered_by_buyer" | "withdrawn" | "countered" | "accepted" | "declined" | "expired";

/**
 * The emails of one offer step, to the other side, in the step's transaction: a buyer's move
 * (made, countered back, withdrawn) to every staff recipient; ops' or the portal's (countered,
 * accepted, declined, expired) to the buyer who made the offer. Keyed by the step's timeline
 * entry, so a step emails once; the trigger on Notification puts them in the inboxes.
 */
export async function queueOfferEmailsInTx(tx: Tx, offerId: string, event: OfferEmailEvent, eventId: string): Promise<OutboxRef[]> {
  const o = await tx.offer.findUniqueOrThrow({
    where: { id: offerId },
    include: { lines: { orderBy: { id: "asc" } }, company: { select: { name: true } }, user: { select: { id: true, email: true, name: true } } },
  });
  const lines = o.lines.map((l) => ({
    sku: l.sku,
    name: l.name,
    quantity: l.quantity,
    unitPrice: money(l.unitPrice),
    lineTotal: formatCents(toCents(l.unitPrice) * l.quantity),
  }));
  const total = formatCents(lines.reduce((s, l) => s + toCents(l.lineTotal), 0));
  const base = { appUrl: env().APP_URL, offerId: o.id, offerNumber: o.number, lines, total, currency: o.currency };
  const note = (await tx.offerEvent.findUnique({ where: { id: eventId }, select: { message: true } }))?.message ?? null;
  const refs: (OutboxRef | null)[] = [];
  if (event === "made" || event === "countered_by_buyer" || event === "withdrawn") {
    for (const r of await staffRecipients(tx)) {
      refs.push(
        await queueEmailInTx(tx, {
          type: "offer_for_ops",
          email: r.email,
          userId: r.userId,
          idempotencyKey: `offer:${o.id}:${eventId}:${r.email}`,
          props: { ...base, companyName: o.company.name, event: event === "countered_by_buyer" ? "countered" : event, message: note },
        }),
      );
    }
  } else {
    const email = o.user.email.toLowerCase();
    refs.push(
      await queueEmailInTx(tx, {
        type: "offer_for_buyer",
        email,
        userId: o.user.id,
        idempotencyKey: `offer:${o.id}:${eventId}:${email}`,
        props: {
          ...base,
          recipientName: o.user.name,
          event,
          message: event === "declined" || event === "expired" ? (o.reason ?? note) : note,
          holdUntil: o.holdUntil?.toISOString() ?? null,
        },
      }),
    );
  }
  return refs.filter((r): r is OutboxRef => r !== null);
}
