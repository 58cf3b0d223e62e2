import "server-only";
import { randomUUID } from "node:crypto";
import { db, type Tx } from "../db/client";
import { AppError } from "../errors";
import { formatCents } from "../money";
import type { Principal } from "../auth/principal";
import { allocateLine, sortOffers, type Allocation } from "../catalog/allocate-lines";
import { explainRouting, routingMessage } from "../catalog/routing-reason";
import { resellerPriceCents } from "../pricing/reseller-price";
import { dispatchOutbox, outboxRows, type OutboxRef } from "../queue/outbox";
import { publishOrderUpdated } from "../events/publish";
import { orderEmailRows } from "../notifications/queue-order-emails";
import { deleteExpiredKey, findIdempotentResponse, IDEMPOTENCY_TTL_MS, saveIdempotentResponse, storedAnswer } from "./idempotency";
import { isUniqueViolation, requestHash } from "./request-hash";
import type { PlaceOrderInput } from "./schemas";
import { serializeOrder, type OrderRow } from "./serialize-order";
import { supplierOrderReference } from "../suppliers/registry";
import { readOrderContextCoalesced, type ContextOffer, type OrderContext } from "./read-order-context";
import { coalesce } from "../coalesce";
import { errorChain } from "../error-chain";
import { log } from "../logger";

/** Reads of a stock race before the order is refused (each re-reads the offers and routes again). */
const STOCK_RACE_ATTEMPTS = 4;

/** A reservation lost to a concurrent order: nothing was written, and the order may route elsewhere. */
class StockRace extends Error {
  constructor(readonly refusal: AppError) {
    super(refusal.message);
  }
}

export type PlaceOrderResult = { status: number; body: unknown; replayed: boolean };

type Line = {
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  unitCents: number;
  allocations: Allocation<ContextOffer>[];
  /** Why the line went where it did (ops' timeline only). */
  reason: string;
};

/**
 * Place an order in two database round trips: one statement reads everything
 * it needs (readOrderContext: order number, the key's stored answer, company,
 * user, markup rules, products with their offers), and one statement writes
 * the order, its items, its supplier orders, its first timeline event, its
 * confirmation emails, its forwarding jobs (outbox) and its idempotency
 * record, and reserves the stock (portal_place_order). Prices come from the
 * catalog, never from the request. Forwarding goes through the outbox, so a
 * crash right after the write loses nothing.
 */
export async function placeOrder(
  principal: Principal,
  input: PlaceOrderInput,
  opts: {
    idempotencyKey?: string;
    rawBody: unknown;
    source: "api" | "web";
    /** An accepted offer's prices, per SKU, in cents (lib/offers/order-offer.ts); never from a request body. */
    agreedUnitCents?: ReadonlyMap<string, number>;
    /**
     * An accepted offer's order (lib/offers/order-offer.ts): the units its hold keeps at each
     * supplier offer count as available to this order (they are released in `transaction`), and
     * the order is written by `transaction`, which runs `write` in a transaction of its own making
     * (releasing the hold and marking the offer ordered in it), instead of the coalesced write.
     */
    fromOffer?: {
      held: ReadonlyMap<string, number>;
      transaction: (write: (tx: Tx) => Promise<void>, order: { id: string; number: string }) => Promise<void>;
    };
    /**
     * Staff placing the order for the company (lib/orders/place-order-on-behalf.ts): the timeline
     * says who, and `transaction` writes the order with its audit entry.
     */
    onBehalf?: {
      by: { name: string; email: string };
      transaction: (write: (tx: Tx) => Promise<void>, order: { id: string; number: string }) => Promise<void>;
    };
  },
): Promise<PlaceOrderResult> {
  if (!principal.companyId) throw new AppError("forbidden", "Only reseller accounts can place orders");
  const scope = principal.companyId;
  const key = opts.idempotencyKey;
  const hash = key ? requestHash(opts.rawBody) : "";
  const skus = [...new Set(input.items.map((i) => i.sku))];

  try {
    // Offers are read before the write; another order may take the stock in between. The
    // reservation is conditional, so that order's loss writes nothing here: read again and route
    // to what is left (another supplier's offer), a few times, before answering out_of_stock.
    for (let attempt = 1; ; attempt++) {
      const ctx = await readOrderContextCoalesced({ companyId: scope, userId: principal.userId, skus, idempotencyKey: key });
      const stored = key && ctx.idempotency ? storedAnswer(ctx.idempotency, hash) : null;
      if (stored) return { ...stored, replayed: true };
      const lines = priceAndAllocate(input, withHeld(ctx, opts.fromOffer?.held), opts.agreedUnitCents);
      try {
        return await saveOrder(principal, input, lines, ctx, {
          key,
          hash,
          source: opts.source,
          transaction: opts.fromOffer?.transaction ?? opts.onBehalf?.transaction,
          onBehalf: opts.onBehalf?.by,
        });
      } catch (err) {
        if (!(err instanceof StockRace) || attempt >= STOCK_RACE_ATTEMPTS) throw err instanceof StockRace ? err.refusal : err;
      }
    }
  } catch (err) {
    if (key && isUniqueViolation(err)) {
      // A concurrent request with the same key won the race: answer as it did.
      const stored = await findIdempotentResponse(scope, key, hash);
      if (stored) return { ...stored, replayed: true };
      // Or the key's previous use has expired but was not pruned yet.
      if (await deleteExpiredKey(scope, key)) return placeOrder(principal, input, opts);
    }
    if (key && err instanceof AppError && (err.code === "unknown_sku" || err.code === "out_of_stock")) {
      // Business refusals are part of the key's answer too (docs/api.md).
      await saveIdempotentResponse(db, { scope, key, hash, status: err.status, body: err.toBody() }).catch(() => undefined);
    }
    throw err;
  }
}

/** The context with an offer's held units added back to the supplier offers holding them (they are this order's). */
function withHeld(ctx: OrderContext, held: ReadonlyMap<string, number> | undefined): OrderContext {
  if (!held?.size) return ctx;
  return { ...ctx, products: ctx.products.map((p) => ({ ...p, offers: p.offers.map((o) => ({ ...o, stock: o.stock + (held.get(o.id) ?? 0) })) })) };
}

function priceAndAllocate(input: PlaceOrderInput, ctx: OrderContext, agreed?: ReadonlyMap<string, number>): Line[] {
  const wanted = new Map<string, number>();
  for (const i of input.items) wanted.set(i.sku, (wanted.get(i.sku) ?? 0) + i.quantity);
  const bySku = new Map(ctx.products.map((p) => [p.sku, p]));
  const unknown = [...wanted.keys()].filter((s) => !bySku.get(s)?.active);
  if (unknown.length) {
    throw new AppError("unknown_sku", `Unknown SKU: ${unknown.join(", ")}`, { details: { sku: unknown[0], skus: unknown } });
  }
  const tier = ctx.company?.tier ?? null;
  const lines: Line[] = [];
  for (const [sku, quantity] of wanted) {
    const p = bySku.get(sku)!;
    // The company's tier price, computed as GET /api/products shows it (lib/pricing/reseller-price.ts):
    // from the offer routed by priority and cost, so the score never changes what a reseller pays.
    const routedCost = sortOffers(p.offers.filter((o) => o.stock > 0))[0]?.cost ?? null;
    const unitCents = agreed?.get(sku) ?? resellerPriceCents({ ...p, routedCost }, ctx.rules, tier);
    // Routed by ops' mode; with the score on, only offers that fit this price compete on it.
    const policy = { ...ctx.routing, maxCost: unitCents / 100 };
    const alloc = allocateLine(p.offers, quantity, policy);
    if (!alloc.ok) {
      throw new AppError("out_of_stock", `Only ${alloc.available} of ${sku} available`, {
        details: { sku, requested: quantity, available: alloc.available },
      });
    }
    const reason = explainRouting(p.offers, quantity, alloc.allocations, policy, (o) => o.supplier.name);
    lines.push({ productId: p.id, sku, name: p.name, quantity, unitCents, allocations: alloc.allocations, reason });
  }
  return lines;
}

async function saveOrder(
  principal: Principal,
  input: PlaceOrderInput,
  lines: Line[],
  ctx: OrderContext,
  opts: {
    key?: string;
    hash: string;
    source: "api" | "web";
    transaction?: NonNullable<Parameters<typeof placeOrder>[2]["fromOffer"]>["transaction"];
    onBehalf?: { name: string; email: string };
  },
): Promise<PlaceOrderResult> {
  const companyId = principal.companyId!;
  const company = ctx.company;
  const user = ctx.user;
  if (!company || !user) throw new AppError("forbidden", "This account's company or user no longer exists");
  const subtotal = formatCents(lines.reduce((s, l) => s + l.unitCents * l.quantity, 0));
  const supplierOf = new Map(lines.flatMap((l) => l.allocations.map((a) => [a.offer.supplierId, a.offer.supplier] as const)));
  const soBySupplier = new Map([...supplierOf.keys()].map((id) => [id, randomUUID()]));
  const slugOf = new Map([...soBySupplier].map(([supplierId, soId]) => [soId, supplierOf.get(supplierId)!.slug]));
  const orderId = randomUUID();
  const now = new Date();
  const number = `PXSTKL${String(ctx.seq).padStart(7, "0")}`;
  // Our reference at each supplier, by the kind's rule (PhoneX: the order number; CJ, WesellCellular: the supplier-order id).
  const referenceFor = (supplierId: string, soId: string) =>
    supplierOrderReference(supplierOf.get(supplierId)?.type, { orderNumber: number, supplierOrderId: soId });
  const items = lines.flatMap((l) =>
    l.allocations.map((a) => ({
      sku: l.sku,
      name: l.name,
      quantity: a.quantity,
      unitPrice: formatCents(l.unitCents),
      lineTotal: formatCents(l.unitCents * a.quantity),
      productId: l.productId,
      supplierOrderId: soBySupplier.get(a.offer.supplierId)!,
      offerId: a.offer.id,
      supplierSku: a.offer.supplierSku,
      unitCost: a.offer.cost,
    })),
  );
  // Resellers see "Order placed" (lib/orders/serialize-order.ts); ops see who and why each line went where it did.
  const placedBy = opts.onBehalf ? `${opts.onBehalf.name} on behalf of ${company.name}` : principal.name;
  const source = opts.onBehalf ? `ops:${opts.onBehalf.email}` : opts.source;
  const message = `Order placed by ${placedBy}${soBySupplier.size > 1 ? `, split over ${soBySupplier.size} suppliers` : ""}. ${routingMessage(lines, ctx.routing)}`;

  // The DTO is built from what is about to be written: nothing is read back.
  const supplierOrders = [...soBySupplier].map(([supplierId, id]) => {
    const s = supplierOf.get(supplierId)!;
    return {
      id,
      status: "pending" as const,
      supplierOrderId: null,
      reference: referenceFor(supplierId, id),
      trackingNumber: null,
      carrier: null,
      trackingUrl: null,
      attempts: 0,
      lastError: null,
      updatedAt: now,
      movedAt: null,
      supplier: { slug: s.slug, name: s.name },
    };
  });
  const row: OrderRow = {
    id: orderId,
    number,
    status: "pending",
    reference: input.reference,
    notes: input.notes,
    currency: "USD",
    subtotal: subtotal as unknown as OrderRow["subtotal"],
    shippingAddress: input.shippingAddress,
    createdAt: now,
    updatedAt: now,
    companyId,
    company: { name: company.name, customerId: company.customerId },
    items: items.map((i) => ({
      sku: i.sku,
      name: i.name,
      quantity: i.quantity,
      unitPrice: i.unitPrice as unknown as OrderRow["subtotal"],
      lineTotal: i.lineTotal as unknown as OrderRow["subtotal"],
      unitCost: i.unitCost as unknown as OrderRow["subtotal"],
      supplierOrder: { supplier: { slug: slugOf.get(i.supplierOrderId)! } },
    })),
    supplierOrders,
    events: [{ createdAt: now, type: "created", status: null, orderStatus: "pending", source, message, supplierOrder: null }],
  };
  const body = serializeOrder(row);
  const notifications = orderEmailRows("order_placed", {
    ...row,
    subtotal,
    userId: principal.userId,
    user,
    company: { name: company.name, contactEmails: company.contactEmails },
    items,
  });
  const outbox = outboxRows([
    ...[...soBySupplier.values()].map((supplierOrderId) => ({ key: "forwardSupplierOrder" as const, payload: { supplierOrderId } })),
    ...notifications.map((n) => ({ key: "sendEmail" as const, payload: { notificationId: n.id } })),
  ]);
  const reserved = new Map<string, number>();
  for (const l of lines) for (const a of l.allocations) reserved.set(a.offer.id, (reserved.get(a.offer.id) ?? 0) + a.quantity);

  const doc = {
    order: {
      id: orderId,
      number,
      companyId,
      userId: principal.userId,
      reference: input.reference ?? null,
      notes: input.notes ?? null,
      subtotal,
      shippingAddress: input.shippingAddress,
      createdAt: now.toISOString(),
    },
    supplierOrders: [...soBySupplier].map(([supplierId, id]) => ({ id, supplierId, reference: referenceFor(supplierId, id) })),
    // Ids that sort in line order, so the order reads back as it was placed.
    items: items.map((i, n) => ({ id: `${orderId}:${String(n).padStart(4, "0")}`, ...i })),
    event: { id: randomUUID(), source, message },
    notifications,
    outbox: outbox.map((o) => ({ id: o.id, queue: o.queue, name: o.name, payload: o.payload, subject: o.subject })),
    idempotency: opts.key
      ? {
          id: randomUUID(),
          scope: companyId,
          key: opts.key,
          hash: opts.hash,
          status: 201,
          body,
          expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS).toISOString(),
        }
      : null,
    reservations: [...reserved].map(([offerId, quantity]) => ({ offerId, quantity })),
    products: lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
  };
  try {
    if (opts.transaction) {
      await opts.transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT portal_place_order(${JSON.stringify(doc)}::jsonb)`;
        },
        { id: orderId, number },
      );
    } else await writeOrder(doc);
  } catch (err) {
    const offerId = stockRaceOffer(err);
    if (offerId === null) throw err;
    const line = lines.find((l) => l.allocations.some((a) => a.offer.id === offerId)) ?? lines[0]!;
    throw new StockRace(
      new AppError("out_of_stock", `${line.sku} sold out while ordering`, { details: { sku: line.sku, requested: line.quantity, available: 0 } }),
    );
  }
  log.info("order placed", { number, orderId, companyId, lines: lines.length, supplierOrders: soBySupplier.size, source: opts.source });
  const refs: OutboxRef[] = outbox.map(({ id, queue, name, payload }) => ({ id, queue, name, payload }));
  await dispatchOutbox(refs);
  await publishOrderUpdated({ id: orderId, number, status: "pending", companyId, updatedAt: now });
  return { status: 201, body, replayed: false };
}

type WriteSlot = { ok: true } | { ok: false; code: string; message: string; constraint: string | null };

/**
 * Concurrent orders are written by one call (portal_place_orders): each in a
 * subtransaction of its own, so one order's stock race or reused key undoes
 * and fails only that order, and each request gets its own answer. Up to 500 a
 * call: a batch request's orders go in one (single orders at 50 clients make
 * calls of ~15); 100 a call made a 500-order request five calls and cost the
 * batch endpoint ~25 % of its rate here.
 */
const writeOrder = coalesce<object, void>(
  async (docs) => {
    const [row] = await db.$queryRaw<{ r: WriteSlot[] }[]>`SELECT portal_place_orders(${JSON.stringify(docs)}::jsonb) AS r`;
    return row!.r.map((slot) => (slot.ok ? { ok: true, value: undefined } : { ok: false, error: writeError(slot) }));
  },
  { maxBatch: 500, maxInFlight: 3 },
);

function writeError(slot: Extract<WriteSlot, { ok: false }>): Error {
  // Shaped as the driver reports a unique violation (lib/orders/request-hash.ts isUniqueViolation).
  if (slot.code === "23505") return Object.assign(new Error(`Unique constraint failed: ${slot.constraint ?? ""}`), { cause: { code: "23505" } });
  return new Error(slot.message.startsWith("stock_race:") ? slot.message : `order write failed (${slot.code}): ${slot.message}`);
}

/** The offer a reservation found short (portal_place_order raises "stock_race:<offer id>"), or null for any other error. */
function stockRaceOffer(err: unknown): string | null {
  for (const link of errorChain(err)) {
    const m = /stock_race:([^\s"'`]+)/.exec(link.message);
    if (m) return m[1]!;
  }
  return null;
}
