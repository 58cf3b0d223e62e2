import "server-only";
import { randomUUID } from "node:crypto";
import { db, TX_OPTIONS } from "../db/client";
import { env } from "../env";
import { AppError } from "../errors";
import { formatCents, toCents } from "../money";
import type { Principal } from "../auth/principal";
import { loadCompanyPricing } from "../pricing/load-markup-rules";
import { resellerPriceCents } from "../pricing/reseller-price";
import { deleteExpiredKey, findIdempotentResponse, saveIdempotentResponse } from "../orders/idempotency";
import { isUniqueViolation, requestHash } from "../orders/request-hash";
import { publishOfferUpdated } from "../events/publish";
import { dispatchOutbox, enqueueInTx } from "../queue/outbox";
import { queueOfferEmailsInTx } from "./offer-emails";
import { offerInclude, serializeOffer, termsOf, type OfferDto } from "./offer-dto";
import type { MakeOfferInput } from "./schemas";
import { OFFER_HOLD_HOURS } from "./state-machine";
import { holdStockInTx } from "../catalog/offers/offer-holds";
import { activeOfferRules } from "./offer-terms";
import { resolveTerms } from "./resolve-terms";
import { routedCosts } from "../catalog/routed-costs";

/**
 * A buyer's offer on catalog lines. Each line is checked against its offer terms (the product's
 * own, else the first offer rule that matches it: resolve-terms.ts): a price below the floor declines the offer at once with a polite reason;
 * every line at or above its auto-accept price accepts it at once (the terms and the stock held
 * OFFER_HOLD_HOURS, lib/catalog/offers/offer-holds.ts; an offer on more than is in stock waits for ops instead);
 * anything else is open, in the ops queue, until the terms' expiry (OFFER_EXPIRY_HOURS). The offer, its lines, its
 * timeline and the idempotency record are written in one transaction; the same Idempotency-Key
 * and body answer the first answer again.
 */
export async function makeOffer(
  principal: Principal,
  input: MakeOfferInput,
  opts: { idempotencyKey?: string; rawBody: unknown; /** Set on a retry after the stock to hold went to another buyer. */ noAutoAccept?: boolean },
): Promise<{ status: number; body: unknown; replayed: boolean }> {
  if (!principal.companyId) throw new AppError("forbidden", "Offers are made by a company's buyers");
  const companyId = principal.companyId;
  const scope = `offers:${companyId}`;
  const key = opts.idempotencyKey;
  const hash = key ? requestHash(opts.rawBody) : "";
  if (key) {
    const stored = await findIdempotentResponse(scope, key, hash);
    if (stored) return { ...stored, replayed: true };
  }

  const skus = [...new Set(input.lines.map((l) => l.sku))];
  const [products, pricing, rules] = await Promise.all([
    db.product.findMany({
      where: { sku: { in: skus }, active: true, disabled: false },
      select: {
        id: true,
        sku: true,
        name: true,
        brand: true,
        model: true,
        grade: true,
        category: true,
        price: true,
        priceCost: true,
        stock: true,
        offerTerms: true,
      },
    }),
    loadCompanyPricing(companyId),
    activeOfferRules(),
  ]);
  const bySku = new Map(products.map((p) => [p.sku, p]));
  const fields: Record<string, string> = {};
  input.lines.forEach((l, i) => {
    if (!bySku.has(l.sku)) fields[`lines.${i}.sku`] = "Not in the catalog";
    else if (input.lines.findIndex((x) => x.sku === l.sku) !== i) fields[`lines.${i}.sku`] = `${l.sku} is listed twice`;
  });
  if (Object.keys(fields).length) throw new AppError("unknown_sku", Object.values(fields)[0]!, { fields });
  const shippingAddress = input.orderOnAcceptance ? (input.shippingAddress ?? (await defaultAddress(companyId))) : null;
  if (input.orderOnAcceptance && !shippingAddress)
    throw new AppError("validation_failed", "Give a shipping address (or save a default one) to order on acceptance", {
      fields: { shippingAddress: "Required to order on acceptance" },
    });

  const costs = await routedCosts(products.map((p) => p.id));
  const lines = input.lines.map((l) => {
    const p = bySku.get(l.sku)!;
    const listCents = resellerPriceCents({ ...p, routedCost: costs.get(p.id) ?? null }, pricing.rules, pricing.tier);
    return {
      product: p,
      quantity: l.quantity,
      unitCents: toCents(l.unitPrice),
      listCents,
      terms: resolveTerms(p, listCents, rules),
      cost: costs.get(p.id) ?? null,
    };
  });
  const belowFloor = lines.find((l) => l.terms.floorCents !== null && l.unitCents < l.terms.floorCents);
  const priced = lines.every((l) => l.terms.autoAcceptCents !== null && l.unitCents >= l.terms.autoAcceptCents);
  // The shortest expiry any line's terms set, else OFFER_EXPIRY_HOURS.
  const expiryHours = Math.min(...lines.map((l) => l.terms.expiryHours ?? env().OFFER_EXPIRY_HOURS));
  // Accepting holds the stock: an offer on more than is in stock waits for ops (who may counter the quantity).
  const short = lines.find((l) => l.quantity > l.product.stock);
  const autoAccept = priced && !short && !opts.noAutoAccept;
  const now = Date.now();
  const decided = belowFloor
    ? ({
        status: "declined",
        reason: `Thank you for your offer. We cannot accept ${formatCents(belowFloor.unitCents)} for ${belowFloor.product.sku}; a higher offer is welcome.`,
      } as const)
    : autoAccept
      ? ({ status: "accepted", reason: null } as const)
      : ({ status: "open", reason: null } as const);

  const id = randomUUID();
  const source = principal.kind === "api_key" ? "api" : `buyer:${principal.email}`;
  try {
    const made = await db.$transaction(async (tx) => {
      const [seq] = await tx.$queryRaw<{ n: bigint }[]>`SELECT nextval('"Offer_number_seq"') AS n`;
      await tx.offer.create({
        data: {
          id,
          number: `OF${String(seq!.n).padStart(7, "0")}`,
          companyId,
          userId: principal.userId,
          status: decided.status,
          message: input.message,
          orderOnAcceptance: input.orderOnAcceptance,
          shippingAddress: shippingAddress ?? undefined,
          reason: decided.reason,
          expiresAt: new Date(now + expiryHours * 3600_000),
          holdUntil: decided.status === "accepted" ? new Date(now + OFFER_HOLD_HOURS * 3600_000) : null,
          lines: {
            create: lines.map((l) => ({
              productId: l.product.id,
              sku: l.product.sku,
              name: l.product.name,
              quantity: l.quantity,
              unitPrice: formatCents(l.unitCents),
              listPrice: formatCents(l.listCents),
              costAtOffer: l.cost,
              costAtAcceptance: decided.status === "accepted" ? l.cost : null,
            })),
          },
        },
      });
      const madeEventId = randomUUID();
      const decidedEventId = randomUUID();
      const terms = termsOf(lines.map((l) => ({ sku: l.product.sku, quantity: l.quantity, unitPrice: formatCents(l.unitCents) })));
      await tx.offerEvent.createMany({
        data: [
          { id: madeEventId, offerId: id, type: "made", status: "open", source, message: input.message, terms, createdAt: new Date(now) },
          ...(decided.status !== "open"
            ? [
                {
                  id: decidedEventId,
                  offerId: id,
                  type: decided.status,
                  status: decided.status,
                  source: "system",
                  message: decided.reason ?? "Accepted at once: at or above the price we accept",
                  createdAt: new Date(now + 1),
                },
              ]
            : priced
              ? [
                  {
                    id: decidedEventId,
                    offerId: id,
                    type: "noted",
                    status: "open" as const,
                    source: "system",
                    message: `Not accepted at once: ${short ? `only ${short.product.stock} of ${short.product.sku} in stock` : "the stock went to another buyer"}; waiting for ops`,
                    createdAt: new Date(now + 1),
                  },
                ]
              : []),
        ],
      });
      if (decided.status === "accepted") await holdStockInTx(tx, id);
      const jobs = decided.status === "accepted" && input.orderOnAcceptance ? [await enqueueInTx(tx, "orderAcceptedOffer", { offerId: id })] : [];
      // The other side is told: ops of an offer to answer, the buyer of an answer made at once.
      const refs = await queueOfferEmailsInTx(
        tx,
        id,
        decided.status === "open" ? "made" : decided.status,
        decided.status === "open" ? madeEventId : decidedEventId,
      );
      const offer = serializeOffer(await tx.offer.findUniqueOrThrow({ where: { id }, include: offerInclude }));
      if (key) await saveIdempotentResponse(tx, { scope, key, hash, status: 201, body: offer });
      return { status: 201, body: offer as OfferDto, replayed: false, refs: [...refs, ...jobs] };
    }, TX_OPTIONS);
    await dispatchOutbox(made.refs);
    await publishOfferUpdated({ ...made.body, companyId });
    return { status: made.status, body: made.body, replayed: false };
  } catch (err) {
    // The stock to hold went to another order meanwhile: the offer waits for ops instead.
    if (decided.status === "accepted" && err instanceof AppError && err.code === "out_of_stock")
      return makeOffer(principal, input, { ...opts, noAutoAccept: true });
    // The same key committed by a concurrent request: answer what it answered.
    if (key && isUniqueViolation(err)) {
      const stored = await findIdempotentResponse(scope, key, hash);
      if (stored) return { ...stored, replayed: true };
      if (await deleteExpiredKey(scope, key)) return makeOffer(principal, input, opts);
    }
    throw err;
  }
}

/** The company's default saved address (or its only one), as addressSchema output it. */
async function defaultAddress(companyId: string) {
  const a = await db.companyAddress.findFirst({ where: { companyId }, orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }], select: { address: true } });
  return (a?.address as MakeOfferInput["shippingAddress"]) ?? null;
}
