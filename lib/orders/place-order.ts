import "server-only";
import { randomUUID } from "node:crypto";
import { db, TX_OPTIONS } from "../db/client";
import { AppError } from "../errors";
import { formatCents, toCents } from "../money";
import type { Principal } from "../auth/principal";
import { allocateLine, type Allocation } from "../catalog/allocate-lines";
import { enqueueInTx, dispatchOutbox } from "../queue/outbox";
import { publishOrderUpdated } from "../events/publish";
import { queueOrderEmailsInTx } from "../notifications/queue-order-emails";
import { findIdempotentResponse, saveIdempotentResponse } from "./idempotency";
import { isUniqueViolation, requestHash } from "./request-hash";
import type { PlaceOrderInput } from "./schemas";
import { orderSelect, serializeOrder } from "./serialize-order";

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
    const lines = await priceAndAllocate(input);
    return await saveOrder(principal, input, lines, { key, hash, source: opts.source });
  } catch (err) {
    if (key && isUniqueViolation(err)) {
      // A concurrent request with the same key won the race: answer as it did.
      const stored = await findIdempotentResponse(scope, key, hash);
      if (stored) return { ...stored, replayed: true };
    }
    if (key && err instanceof AppError && (err.code === "unknown_sku" || err.code === "out_of_stock")) {
      // Business refusals are part of the key's answer too (contracts.md §1).
      await saveIdempotentResponse(db, { scope, key, hash, status: err.status, body: err.toBody() }).catch(() => undefined);
    }
    throw err;
  }
}

async function priceAndAllocate(input: PlaceOrderInput): Promise<Line[]> {
  const wanted = new Map<string, number>();
  for (const i of input.items) wanted.set(i.sku, (wanted.get(i.sku) ?? 0) + i.quantity);
  const products = await db.product.findMany({
    where: { sku: { in: [...wanted.keys()] } },
    select: {
      id: true, sku: true, name: true, price: true, active: true,
      offers: {
        where: { active: true, supplier: { active: true } },
        select: { id: true, supplierId: true, supplierSku: true, cost: true, stock: true, priority: true },
      },
    },
  });
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
    lines.push({ productId: p.id, sku, name: p.name, quantity, unitCents: toCents(p.price), allocations: alloc.allocations });
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
  const subtotal = lines.reduce((s, l) => s + l.unitCents * l.quantity, 0);
  const { body, outboxIds, order } = await db.$transaction(async (tx) => {
    // Reserve stock; the conditional update is what makes two racing orders unable to oversell.
    for (const line of lines) {
      for (const a of line.allocations) {
        const n = await tx.$executeRaw`UPDATE "SupplierOffer" SET "stock" = "stock" - ${a.quantity}, "updatedAt" = now()
          WHERE "id" = ${a.offer.id} AND "stock" >= ${a.quantity}`;
        if (n === 0) {
          throw new AppError("out_of_stock", `${line.sku} sold out while ordering`, { details: { sku: line.sku, requested: line.quantity, available: 0 } });
        }
      }
      await tx.$executeRaw`UPDATE "Product" SET "stock" = GREATEST(0, "stock" - ${line.quantity}), "updatedAt" = now() WHERE "id" = ${line.productId}`;
    }
    const [seq] = await tx.$queryRaw<{ n: bigint }[]>`SELECT nextval('order_number_seq') AS n`;
    const number = `PXSTKL${String(seq!.n).padStart(7, "0")}`;
    const order = await tx.order.create({
      data: {
        number, companyId, userId: principal.userId, reference: input.reference, notes: input.notes,
        subtotal: formatCents(subtotal), shippingAddress: input.shippingAddress,
      },
      select: { id: true },
    });
    const soBySupplier = new Map<string, string>();
    for (const l of lines) for (const a of l.allocations) if (!soBySupplier.has(a.offer.supplierId)) soBySupplier.set(a.offer.supplierId, randomUUID());
    await tx.supplierOrder.createMany({
      data: [...soBySupplier].map(([supplierId, id]) => ({ id, orderId: order.id, supplierId, reference: number })),
    });
    await tx.orderItem.createMany({
      data: lines.flatMap((l) =>
        l.allocations.map((a) => ({
          orderId: order.id, productId: l.productId, sku: l.sku, name: l.name, quantity: a.quantity,
          unitPrice: formatCents(l.unitCents), lineTotal: formatCents(l.unitCents * a.quantity),
          supplierOrderId: soBySupplier.get(a.offer.supplierId)!, offerId: a.offer.id, supplierSku: a.offer.supplierSku, unitCost: a.offer.cost,
        })),
      ),
    });
    await tx.orderEvent.create({
      data: {
        orderId: order.id, type: "created", orderStatus: "pending", source: opts.source,
        message: `Order placed by ${principal.name}${soBySupplier.size > 1 ? `, split over ${soBySupplier.size} suppliers` : ""}`,
      },
    });
    const outboxIds: string[] = [];
    for (const soId of soBySupplier.values()) outboxIds.push(await enqueueInTx(tx, "forwardSupplierOrder", { supplierOrderId: soId }));
    outboxIds.push(...(await queueOrderEmailsInTx(tx, order.id, "order_placed")));
    const row = await tx.order.findUniqueOrThrow({ where: { id: order.id }, select: orderSelect });
    const body = serializeOrder(row);
    if (opts.key) {
      await saveIdempotentResponse(tx, { scope: companyId, key: opts.key, hash: opts.hash, status: 201, body, orderId: order.id });
    }
    return { body, outboxIds, order: row };
  }, TX_OPTIONS);
  await dispatchOutbox(outboxIds);
  await publishOrderUpdated(order);
  return { status: 201, body, replayed: false };
}
