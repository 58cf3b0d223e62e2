import "server-only";
import { db, TX_OPTIONS, type Tx } from "../db/client";
import { env } from "../env";
import { AppError } from "../errors";
import { formatCents, money, toCents } from "../money";
import { isStaff, type Principal } from "../auth/principal";
import { requirePermission } from "../auth/permissions";
import { publishOfferUpdated } from "../events/publish";
import { dispatchOutbox, enqueueInTx, type OutboxRef } from "../queue/outbox";
import { queueOfferEmailsInTx, type OfferEmailEvent } from "./offer-emails";
import { offerInclude, serializeOffer, termsOf, type OfferDto } from "./offer-dto";
import { findIdempotentResponse, saveIdempotentResponse } from "../orders/idempotency";
import { isUniqueViolation, requestHash } from "../orders/request-hash";
import { acceptOfferSchema, answerOfferSchema, counterOfferSchema } from "./schemas";
import { holdStockInTx } from "../catalog/offers/offer-holds";
import { routedCosts } from "../catalog/routed-costs";
import { OFFER_HOLD_HOURS, pastTense, transition, type OfferActor, type OfferStatus } from "./state-machine";

type Action = "accept" | "decline" | "counter" | "withdraw";

/** Staff act as ops; a company's user (or key) as the buyer, with orders:write. */
export function actorOf(principal: Principal): OfferActor {
  if (isStaff(principal)) return "ops";
  requirePermission(principal, "orders:write");
  return "buyer";
}

/**
 * One step of the negotiation, by whoever's turn it is (state-machine.ts). The offer's row is
 * locked first, so of two clicks at once (ops accept while the buyer withdraws) exactly one
 * moves it and the other finds it moved: 409 conflict saying what it is now. Another company's
 * offer is 404.
 */
export async function actOnOffer(
  principal: Principal,
  id: string,
  action: Action,
  raw: unknown,
  opts: { idempotencyKey?: string } = {},
): Promise<{ body: OfferDto; replayed: boolean }> {
  const actor = actorOf(principal);
  // With an Idempotency-Key, a retried move answers what the first one did (like orders), instead
  // of 409 for an offer it already moved. Keys are the company's (ops: staff's), per move.
  const key = opts.idempotencyKey;
  const scope = `offer-moves:${actor === "ops" ? "staff" : principal.companyId}`;
  const hash = key ? requestHash({ offer: id, action, body: raw ?? null }) : "";
  if (key) {
    const stored = await findIdempotentResponse(scope, key, hash);
    if (stored) return { body: stored.body as OfferDto, replayed: true };
  }
  try {
    return { body: await move(principal, actor, id, action, raw, key ? { scope, key, hash } : null), replayed: false };
  } catch (err) {
    if (key && isUniqueViolation(err)) {
      const stored = await findIdempotentResponse(scope, key, hash);
      if (stored) return { body: stored.body as OfferDto, replayed: true };
    }
    throw err;
  }
}

async function move(
  principal: Principal,
  actor: OfferActor,
  id: string,
  action: Action,
  raw: unknown,
  idem: { scope: string; key: string; hash: string } | null,
): Promise<OfferDto> {
  const input =
    action === "counter"
      ? { ...counterOfferSchema.parse(raw ?? {}), acceptBelowCost: false }
      : action === "accept"
        ? { ...acceptOfferSchema.parse(raw ?? {}), lines: [] }
        : { ...answerOfferSchema.parse(raw ?? {}), lines: [], acceptBelowCost: false };
  const source = actor === "ops" ? `ops:${principal.email}` : principal.kind === "api_key" ? "api" : `buyer:${principal.email}`;
  const { offer, companyId, refs } = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string; status: OfferStatus; companyId: string; orderOnAcceptance: boolean }[]>`
      SELECT "id", "status", "companyId", "orderOnAcceptance" FROM "Offer" WHERE "id" = ${id} FOR UPDATE`;
    if (!row || (actor === "buyer" && row.companyId !== principal.companyId)) throw new AppError("not_found", `No offer ${id}`);
    const t = transition(row.status, action, actor);
    if (!t.ok) throw new AppError("conflict", t.reason, { details: { status: row.status } });
    const now = Date.now();
    let terms: ReturnType<typeof termsOf> | null = null;
    if (action === "counter") terms = await counterLines(tx, id, input.lines);
    const jobs: OutboxRef[] = [];
    if (t.to === "accepted") {
      // The margin against what each line would cost now (kept on the line for ops); ops taking a
      // line below that cost say so. Then the stock is held for the buyer (out_of_stock, and
      // nothing moves, when it is not there), and an "order on acceptance" offer is ordered.
      await recordCostsAtAcceptance(tx, id, actor === "ops" && !input.acceptBelowCost);
      await holdStockInTx(tx, id);
      if (row.orderOnAcceptance) jobs.push(await enqueueInTx(tx, "orderAcceptedOffer", { offerId: id }));
    }
    await tx.offer.update({
      where: { id },
      data: {
        status: t.to,
        ...(action === "counter" ? { expiresAt: new Date(now + env().OFFER_EXPIRY_HOURS * 3600_000) } : {}),
        ...(t.to === "accepted" ? { holdUntil: new Date(now + OFFER_HOLD_HOURS * 3600_000) } : {}),
        ...(t.to === "declined" || t.to === "withdrawn" ? { reason: input.message ?? (t.to === "declined" ? "Declined" : "Withdrawn by the buyer") } : {}),
      },
    });
    const ev = await tx.offerEvent.create({
      data: { offerId: id, type: pastTense(action), status: t.to, source, message: input.message ?? null, terms: terms ?? undefined },
      select: { id: true },
    });
    // The other side is told (offer-emails.ts), in this transaction.
    const refs = await queueOfferEmailsInTx(
      tx,
      id,
      actor === "buyer" && action === "counter" ? "countered_by_buyer" : (pastTense(action) as OfferEmailEvent),
      ev.id,
    );
    const offer = await (async () => {
      const o = await tx.offer.findUniqueOrThrow({ where: { id }, include: offerInclude });
      const costs =
        actor === "ops"
          ? await routedCosts(
              o.lines.map((l) => l.productId),
              tx,
            )
          : undefined;
      return serializeOffer(o, { staff: actor === "ops", costs });
    })();
    if (idem) await saveIdempotentResponse(tx, { ...idem, status: 200, body: offer });
    return {
      offer,
      companyId: row.companyId,
      refs: [...refs, ...jobs],
    };
  }, TX_OPTIONS);
  await dispatchOutbox(refs);
  await publishOfferUpdated({ ...offer, companyId });
  return offer;
}

/** New terms for the named lines (price and/or quantity); every SKU must be a line of the offer. */
async function counterLines(tx: Tx, offerId: string, changes: { sku: string; quantity?: number; unitPrice?: string }[]) {
  const lines = await tx.offerLine.findMany({ where: { offerId }, orderBy: { id: "asc" } });
  const bySku = new Map(lines.map((l) => [l.sku, l]));
  const fields: Record<string, string> = {};
  changes.forEach((c, i) => {
    if (!bySku.has(c.sku)) fields[`lines.${i}.sku`] = "Not a line of this offer";
    else if (c.quantity === undefined && c.unitPrice === undefined) fields[`lines.${i}`] = "Change the quantity, the unit price or both";
  });
  if (Object.keys(fields).length) throw new AppError("validation_failed", Object.values(fields)[0]!, { fields });
  for (const c of changes) {
    const l = bySku.get(c.sku)!;
    const data = {
      ...(c.quantity !== undefined && { quantity: c.quantity }),
      ...(c.unitPrice !== undefined && { unitPrice: formatCents(toCents(c.unitPrice)) }),
    };
    await tx.offerLine.update({ where: { id: l.id }, data });
    Object.assign(l, data);
  }
  return termsOf(lines);
}

/**
 * Each line's supplier cost now, kept as costAtAcceptance. With `guard` (ops accepting), a line
 * whose agreed price is below that cost is 409 below_cost naming it: ops accept it anyway with
 * acceptBelowCost. The buyer accepting ops' counter is never refused for our costs.
 */
export async function recordCostsAtAcceptance(tx: Tx, offerId: string, guard: boolean) {
  const lines = await tx.offerLine.findMany({ where: { offerId }, select: { id: true, sku: true, productId: true, unitPrice: true } });
  const costs = await routedCosts(
    lines.map((l) => l.productId),
    tx,
  );
  if (guard) {
    const loss = lines.find((l) => costs.has(l.productId) && toCents(l.unitPrice) < toCents(costs.get(l.productId)!));
    if (loss)
      throw new AppError(
        "conflict",
        `${loss.sku} at ${money(loss.unitPrice)} is below its current supplier cost ${costs.get(loss.productId)}; accept with acceptBelowCost to take it anyway`,
        { details: { reason: "below_cost", sku: loss.sku, unitPrice: money(loss.unitPrice), cost: costs.get(loss.productId) } },
      );
  }
  for (const l of lines) await tx.offerLine.update({ where: { id: l.id }, data: { costAtAcceptance: costs.get(l.productId) ?? null } });
}
