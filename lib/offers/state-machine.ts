/**
 * The offer state machine (issue 13):
 *
 *   open ──ops counter──▶ countered ──buyer counter──▶ open
 *   open ──ops accept──▶ accepted ◀──buyer accept── countered
 *   open ──ops decline──▶ declined ◀──buyer decline── countered
 *   open | countered ──buyer withdraw──▶ withdrawn
 *   open | countered ──expiry──▶ expired;  accepted ──hold ends──▶ expired
 *   accepted ──order──▶ ordered
 *
 * The side whose turn it is acts: ops on an open offer, the buyer on a counter; the buyer may
 * withdraw while nothing is agreed. Pure, no imports: the API, the expiry job and the pages use it.
 */
export const OFFER_STATUSES = ["open", "countered", "accepted", "declined", "expired", "withdrawn", "ordered"] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
export type OfferActor = "buyer" | "ops" | "system";
export const OFFER_ACTIONS = ["accept", "decline", "counter", "withdraw", "expire", "order"] as const;
export type OfferAction = (typeof OFFER_ACTIONS)[number];

type Edge = { from: readonly OfferStatus[]; by: readonly OfferActor[]; to: OfferStatus };

const EDGES: Record<OfferAction, readonly Edge[]> = {
  counter: [
    { from: ["open"], by: ["ops"], to: "countered" },
    { from: ["countered"], by: ["buyer"], to: "open" },
  ],
  accept: [
    { from: ["open"], by: ["ops", "system"], to: "accepted" },
    { from: ["countered"], by: ["buyer"], to: "accepted" },
  ],
  decline: [
    { from: ["open"], by: ["ops", "system"], to: "declined" },
    { from: ["countered"], by: ["buyer"], to: "declined" },
  ],
  withdraw: [{ from: ["open", "countered"], by: ["buyer"], to: "withdrawn" }],
  expire: [{ from: ["open", "countered", "accepted"], by: ["system"], to: "expired" }],
  order: [{ from: ["accepted"], by: ["buyer", "system"], to: "ordered" }],
};

/** How long an accepted offer's terms are held for the buyer to order them. */
export const OFFER_HOLD_HOURS = 24;

export type Transition = { ok: true; to: OfferStatus } | { ok: false; reason: string };

/** Where `action` by `actor` takes an offer in `status`, or why it cannot. */
export function transition(status: OfferStatus, action: OfferAction, actor: OfferActor): Transition {
  const edges = EDGES[action];
  const edge = edges.find((e) => e.from.includes(status) && e.by.includes(actor));
  if (edge) return { ok: true, to: edge.to };
  if (isFinal(status)) return { ok: false, reason: `The offer is ${status}; nothing more can be done with it` };
  const someone = edges.find((e) => e.from.includes(status));
  if (someone) return { ok: false, reason: `It is not your turn: the offer is ${status}, waiting for ${status === "open" ? "ops" : "the buyer"}` };
  return { ok: false, reason: `An offer that is ${status} cannot be ${pastTense(action)}` };
}

/** No edge leaves these (accepted still becomes ordered or expires). */
export function isFinal(status: OfferStatus): boolean {
  return status === "declined" || status === "expired" || status === "withdrawn" || status === "ordered";
}

/** Whose move it is, for lists and the ops queue. */
export function awaiting(status: OfferStatus): "ops" | "buyer" | null {
  if (status === "open") return "ops";
  if (status === "countered" || status === "accepted") return "buyer";
  return null;
}

/** The word for a step on the timeline ("accept" → "accepted"). */
export function pastTense(a: OfferAction): string {
  return { accept: "accepted", decline: "declined", counter: "countered", withdraw: "withdrawn", expire: "expired", order: "ordered" }[a];
}
