import "server-only";
import { randomUUID } from "node:crypto";
import { db, TX_OPTIONS } from "../db/client";
import { AppError } from "../errors";
import { formatCents } from "../money";
import type { Principal } from "../auth/principal";
import { allocateLine, sortOffers, type Allocation } from "../catalog/allocate-lines";
import { loadCompanyPricing } from "../pricing/load-markup-rules";
import { resellerPriceCents } from "../pricing/reseller-price";
import { enqueueManyInTx, dispatchOutbox } from "../queue/outbox";
import { publishOrderUpdated } from "../events/publish";
import { queueOrderEmailsInTx } from "../notifications/queue-order-emails";
import { deleteExpiredKey, findIdempotentResponse, saveIdempotentResponse } from "./idempotency";
import { isUniqueViolation, requestHash } from "./request-hash";
import type { PlaceOrderInput } from "./schemas";
import { serializeOrder, type OrderRow } from "./serialize-order";
import { supplierOrderReference } from "../suppliers/registry";
import { reserveOfferStock } from "../catalog/offers/reserve-offer-stock";

/** Reads of a stock race before the order is refused (each re-reads the offers and routes again). */
const STOCK_RACE_ATTEMPTS = 4;

/** A reservation lost to a concurrent order: the transaction rolled back, and the order may route elsewhere. */
class StockRace extends Error {
  constructor(readonly refusal: AppError) {
    super(refusal.message);
  }
}

export type PlaceOrderResult = { status: number; body: unknown; replayed: boolean };

type Line = { productId: string; sku: string; name: string; quantity: number; unitCents: number; allocations: Allocation[] };

/**
 * Place an order: validate against the catalog (prices from the catalog, never
 * from the request; stock reserved atomically), then save the order, its
 * items, its supplier orders, its first timeline event, its confirmation
 * emails and its forwarding jobs in ONE transaction. Forwarding goes through
 * the outbox, so a crash right after commit loses nothing.
 */
export async function placeOrder(
  principal: Principal,
  input: PlaceOrderInput,
  opts: { idempotencyKey?: string; rawBody: unknown; source: "api" | "web" },
): Promise<PlaceOrderResult> {
  if (!principal.companyId) throw new AppError("forbidden", "Only reseller accounts can place orders");
  const scope = principal.companyId;
  const key = opts.idempotencyKey;
  const hash = key ? requestHash(opts.rawBody) : "";
  if (key) {
    const stored = await findIdempotentResponse(scope, key, hash);
    if (stored) return { ...stored, replayed: true };
  }

  try {
    // Offers are read before the transaction; another order may take the stock in between. The
    // reservation is conditional, so that order's loss is a rollback here: read again and route to
    // what is left (another supplier's offer), a few times, before answering out_of_stock.
    for (let attempt = 1; ; attempt++) {
      const lines = await priceAndAllocate(input, principal.companyId);
      try {
        return await saveOrder(principal, input, lines, { key, hash, source: opts.source });
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

async function priceAndAllocate(input: PlaceOrderInput, companyId: string): Promise<Line[]> {
  const wanted = new Map<string, number>();
  for (const i of input.items) wanted.set(i.sku, (wanted.get(i.sku) ?? 0) + i.quantity);
  // The company's tier price, computed as GET /api/products shows it (lib/pricing/reseller-price.ts).
  const [products, pricing] = await Promise.all([
    db.product.findMany({
      where: { sku: { in: [...wanted.keys()] } },
      select: {
        id: true,
        sku: true,
        name: true,
        price: true,
        active: true,
        brand: true,
        category: true,
        priceCost: true,
        offers: {
          where: { active: true, supplier: { active: true } },
          select: { id: true, supplierId: true, supplierSku: true, cost: true, stock: true, priority: true },
        },
      },
    }),
    loadCompanyPricing(companyId),
  ]);
  const bySku = new Map(products.map((p) => [p.sku, p]));
  const unknown = [...wanted.keys()].filter((s) => !bySku.get(s)?.active);
  if (unknown.length) {
    throw new AppError("unknown_sku", `Unknown SKU: ${unknown.join(", ")}`, { details: { sku: unknown[0], skus: unknown } });
  }
  const lines: Line[] = [];
  for (const [sku, quantity] of wanted) {
    const p = bySku.get(sku)!;
    const offers = p.offers.map((o) => ({ ...o, cost: o.cost.toString() }));
    const alloc = allocateLine(offers, quantity);
    if (!alloc.ok) {
      throw new AppError("out_of_stock", `Only ${alloc.available} of ${sku} available`, {
        details: { sku, requested: quantity, available: alloc.available },
      });
    }
    const routedCost = sortOffers(offers.filter((o) => o.stock > 0))[0]?.cost ?? null;
    const unitCents = resellerPriceCents({ ...p, routedCost }, pricing.rules, pricing.tier);
    lines.push({ productId: p.id, sku, name: p.name, quantity, unitCents, allocations: alloc.allocations });
  }
  return lines;
}

async function saveOrder(
  principal: Principal,
  input: PlaceOrderInput,
  lines: Line[],
  opts: { key?: string; hash: string; source: "api" | "web" },
): Promise<PlaceOrderResult> {
  const companyId = principal.companyId!;
  const subtotal = formatCents(lines.reduce((s, l) => s + l.unitCents * l.quantity, 0));
  const supplierIds = [...new Set(lines.flatMap((l) => l.allocations.map((a) => a.offer.supplierId)))];
  const [company, user, suppliers] = await Promise.all([
    db.company.findUniqueOrThrow({ where: { id: companyId }, select: { name: true, customerId: true, contactEmails: true } }),
    db.user.findUniqueOrThrow({ where: { id: principal.userId }, select: { email: true, name: true } }),
    db.supplier.findMany({ where: { id: { in: supplierIds } }, select: { id: true, slug: true, name: true, type: true } }),
  ]);
  const soBySupplier = new Map(supplierIds.map((id) => [id, randomUUID()]));
  const orderId = randomUUID();
  const now = new Date();
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
  const message = `Order placed by ${principal.name}${soBySupplier.size > 1 ? `, split over ${soBySupplier.size} suppliers` : ""}`;

  const { body, outbox, number } = await db.$transaction(async (tx) => {
    const [seq] = await tx.$queryRaw<{ n: bigint }[]>`SELECT nextval('order_number_seq') AS n`;
    const number = `PXSTKL${String(seq!.n).padStart(7, "0")}`;
    await tx.order.create({
      data: {
        id: orderId,
        number,
        companyId,
        userId: principal.userId,
        reference: input.reference,
        notes: input.notes,
        subtotal,
        shippingAddress: input.shippingAddress,
        createdAt: now,
        updatedAt: now,
      },
      select: { id: true },
    });
    // Our reference at each supplier: PhoneX takes the order number as its
    // order_id; CJ's orderNumber and WesellCellular's reference are the
    // supplier-order id (unique per supplier order, and the idempotency key).
    const referenceFor = (supplierId: string, soId: string) =>
      supplierOrderReference(suppliers.find((x) => x.id === supplierId)?.type, { orderNumber: number, supplierOrderId: soId });
    await tx.supplierOrder.createMany({
      data: [...soBySupplier].map(([supplierId, id]) => ({ id, orderId, supplierId, reference: referenceFor(supplierId, id), createdAt: now, updatedAt: now })),
    });
    // Ids that sort in line order, so the order reads back as it was placed.
    await tx.orderItem.createMany({ data: items.map((i, n) => ({ id: `${orderId}:${String(n).padStart(4, "0")}`, orderId, ...i })) });
    await tx.orderEvent.create({ data: { orderId, type: "created", orderStatus: "pending", source: opts.source, message, createdAt: now } });

    // The DTO is built from what was just written: no read-back inside the transaction.
    const supplierOrders = [...soBySupplier].map(([supplierId, id]) => {
      const s = suppliers.find((x) => x.id === supplierId)!;
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
        supplierOrder: { supplier: { slug: suppliers.find((x) => soBySupplier.get(x.id) === i.supplierOrderId)?.slug ?? "" } },
      })),
      supplierOrders,
      events: [{ createdAt: now, type: "created", status: null, orderStatus: "pending", source: opts.source, message, supplierOrder: null }],
    };
    const outbox = await enqueueManyInTx(
      tx,
      [...soBySupplier.values()].map((supplierOrderId) => ({ key: "forwardSupplierOrder" as const, payload: { supplierOrderId } })),
    );
    outbox.push(
      ...(await queueOrderEmailsInTx(tx, orderId, "order_placed", {
        order: { ...row, subtotal, userId: principal.userId, user, company: { name: company.name, contactEmails: company.contactEmails }, items },
      })),
    );
    const body = serializeOrder(row);
    if (opts.key) {
      await saveIdempotentResponse(tx, { scope: companyId, key: opts.key, hash: opts.hash, status: 201, body, orderId });
    }
    // Reserve stock last (lib/catalog/offers: in a fixed order, conditional, so racing orders cannot oversell).
    const reservations = lines.flatMap((l) => l.allocations.map((a) => ({ line: l, offerId: a.offer.id, quantity: a.quantity })));
    const short = await reserveOfferStock(tx, reservations);
    if (short !== null) {
      const line = reservations.find((r) => r.offerId === short)!.line;
      throw new StockRace(
        new AppError("out_of_stock", `${line.sku} sold out while ordering`, { details: { sku: line.sku, requested: line.quantity, available: 0 } }),
      );
    }
    for (const line of [...lines].sort((x, y) => x.productId.localeCompare(y.productId))) {
      await tx.$executeRaw`UPDATE "Product" SET "stock" = GREATEST(0, "stock" - ${line.quantity}), "updatedAt" = now() WHERE "id" = ${line.productId}`;
    }
    return { body, outbox, number };
  }, TX_OPTIONS);
  await dispatchOutbox(outbox);
  await publishOrderUpdated({ id: orderId, number, status: "pending", companyId, updatedAt: now });
  return { status: 201, body, replayed: false };
}
