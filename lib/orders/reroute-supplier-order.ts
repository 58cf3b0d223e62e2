import "server-only";
import { randomUUID } from "node:crypto";
import { db, TX_OPTIONS } from "../db/client";
import { dispatchOutbox, enqueueManyInTx, type OutboxRef } from "../queue/outbox";
import { publishOrderUpdated } from "../events/publish";
import { sortOffers } from "../catalog/allocate-lines";
import { explainRouting } from "../catalog/routing-reason";
import { parseScorecardSettings, SCORECARD_SETTING_KEY } from "../settings/scorecard-schema";
import { supplierOrderReference } from "../suppliers/registry";
import { lockOrder, recomputeOrderStatus } from "./apply-supplier-update";
import { reserveOfferStock } from "../catalog/offers/reserve-offer-stock";

/**
 * A supplier refused a supplier order (rejected it, or answered its creation
 * with a permanent error): move its lines to the next offer of each product,
 * if one is in stock at a supplier not yet tried and its cost still fits the
 * price the reseller was given. All or nothing, in one transaction, so the
 * reseller never gets a "rejected" email for an order that goes on elsewhere.
 * Returns false (and changes nothing) when some line has nowhere to go.
 */
export async function rejectAndReroute(
  supplierOrderId: string,
  reason: string,
  source: string,
  opts: {
    failover?: boolean;
    /** Ops moving it from the exceptions queue: a failed or rejected one too (it never reached, or was refused by, the supplier). */
    byOps?: boolean;
  } = {},
): Promise<{ rerouted: boolean; to?: string[] }> {
  const so0 = await db.supplierOrder.findUnique({ where: { id: supplierOrderId }, select: { orderId: true } });
  if (!so0) return { rerouted: false };
  const result = await db
    .$transaction(async (tx) => {
      await lockOrder(tx, so0.orderId);
      const so = await tx.supplierOrder.findUniqueOrThrow({
        where: { id: supplierOrderId },
        select: {
          id: true,
          status: true,
          orderId: true,
          supplierId: true,
          supplier: { select: { slug: true, name: true } },
          items: { select: { id: true, productId: true, quantity: true, unitPrice: true, sku: true } },
          order: { select: { number: true, supplierOrders: { select: { supplierId: true, status: true, id: true } } } },
        },
      });
      const movable = opts.byOps ? ["failed", "rejected"] : ["pending", "submitted", "accepted", "processing"];
      if (!movable.includes(so.status) || so.items.length === 0) return null;
      // Suppliers already tried for this order (this one included) are not asked again.
      const tried = new Set(
        so.order.supplierOrders.filter((s) => ["rejected", "failed", "canceled"].includes(s.status) || s.id === so.id).map((s) => s.supplierId),
      );
      const offers = await tx.supplierOffer.findMany({
        where: { productId: { in: so.items.map((i) => i.productId) }, active: true, supplier: { active: true }, supplierId: { notIn: [...tried] } },
        select: {
          id: true,
          productId: true,
          supplierId: true,
          supplierSku: true,
          cost: true,
          stock: true,
          held: true,
          priority: true,
          supplier: { select: { type: true, slug: true, name: true, score: true } },
        },
      });
      // Routed by ops' mode (cost only, or cost plus score), as order intake routes.
      const { routingMode, scoreWeight, neutralScore } = parseScorecardSettings(
        (await tx.setting.findUnique({ where: { key: SCORECARD_SETTING_KEY }, select: { value: true } }))?.value,
      );
      const reasons: string[] = [];
      const moves: { itemId: string; offer: (typeof offers)[number]; quantity: number }[] = [];
      for (const item of so.items) {
        const policy = { mode: routingMode, scoreWeight, neutralScore, maxCost: Number(item.unitPrice) };
        const fitting = offers
          .filter((o) => o.productId === item.productId && o.stock - o.held >= item.quantity && Number(o.cost) <= Number(item.unitPrice))
          .map((o) => ({ ...o, cost: o.cost.toString(), score: o.supplier.score }));
        const candidates = sortOffers(fitting, policy);
        const pick = candidates[0];
        if (!pick) return null;
        reasons.push(`${item.sku} → ${explainRouting(fitting, item.quantity, [{ offer: pick, quantity: item.quantity }], policy, (o) => o.supplier.name)}`);
        moves.push({ itemId: item.id, offer: offers.find((o) => o.id === pick.id)!, quantity: item.quantity });
      }

      // Reserve at the new offers first: if one sold out meanwhile, nothing moves.
      if (
        (await reserveOfferStock(
          tx,
          moves.map((m) => ({ offerId: m.offer.id, quantity: m.quantity })),
        )) !== null
      )
        throw new Rollback();
      const existing = new Map(so.order.supplierOrders.map((s) => [s.supplierId, s]));
      const newSo = new Map<string, { id: string; slug: string }>();
      for (const m of moves) {
        if (newSo.has(m.offer.supplierId)) continue;
        const prior = existing.get(m.offer.supplierId);
        // One supplier order per order and supplier: reuse one that has not left yet.
        if (prior && prior.status !== "pending") throw new Rollback();
        const id = prior?.id ?? randomUUID();
        if (!prior) {
          await tx.supplierOrder.create({
            data: {
              id,
              orderId: so.orderId,
              supplierId: m.offer.supplierId,
              reference: supplierOrderReference(m.offer.supplier.type, { orderNumber: so.order.number, supplierOrderId: id }),
            },
          });
        }
        newSo.set(m.offer.supplierId, { id, slug: m.offer.supplier.slug });
      }
      for (const m of moves) {
        await tx.orderItem.update({
          where: { id: m.itemId },
          data: { supplierOrderId: newSo.get(m.offer.supplierId)!.id, offerId: m.offer.id, supplierSku: m.offer.supplierSku, unitCost: m.offer.cost },
        });
      }
      // A failover is not a rejection: the supplier never said no (ops see "moved"; resellers see only the new parcel).
      // Ops moving a failed or rejected one keep its status (what happened there): it is only marked moved.
      const keep = opts.byOps && (so.status === "failed" || so.status === "rejected");
      await tx.supplierOrder.update({
        where: { id: so.id },
        data: keep ? { movedAt: new Date() } : { status: opts.failover || opts.byOps ? "canceled" : "rejected", lastError: reason, movedAt: new Date() },
      });
      const to = [...newSo.values()].map((s) => s.slug);
      if (!keep) {
        await tx.orderEvent.create({
          data: {
            orderId: so.orderId,
            supplierOrderId: so.id,
            type: opts.failover || opts.byOps ? "moved" : "status_changed",
            status: opts.failover || opts.byOps ? "canceled" : "rejected",
            source,
            message: opts.failover || opts.byOps ? `Moved to another supplier: ${reason}` : `Reason: ${reason}`,
          },
        });
      }
      await tx.orderEvent.create({
        data: {
          orderId: so.orderId,
          supplierOrderId: so.id,
          type: "rerouted",
          source: "worker",
          // The scorecard counts the lines this supplier was sent and did not take (lib/scorecards).
          data: { lines: so.items.length, to, routing: reasons },
          message: opts.byOps
            ? `${so.items.map((i) => i.sku).join(", ")} moved from ${so.supplier.name} to ${to.join(", ")} by ops at the same price (${reason})`
            : opts.failover
              ? `${so.supplier.name} could not be reached in time; ${so.items.map((i) => i.sku).join(", ")} moved to ${to.join(", ")} at the same price`
              : `${so.supplier.name} could not fill ${so.items.map((i) => i.sku).join(", ")}; sent to ${to.join(", ")} instead at the same price`,
        },
      });
      const outbox: OutboxRef[] = await enqueueManyInTx(
        tx,
        [...newSo.values()].map((s) => ({ key: "forwardSupplierOrder" as const, payload: { supplierOrderId: s.id } })),
      );
      outbox.push(...(await recomputeOrderStatus(tx, so.orderId, source, reason)).outboxIds);
      const order = await tx.order.findUniqueOrThrow({
        where: { id: so.orderId },
        select: { id: true, number: true, status: true, companyId: true, updatedAt: true },
      });
      return { outbox, order, to };
    }, TX_OPTIONS)
    .catch((err) => {
      if (err instanceof Rollback) return null;
      throw err;
    });
  if (!result) return { rerouted: false };
  await dispatchOutbox(result.outbox);
  await publishOrderUpdated(result.order);
  return { rerouted: true, to: result.to };
}

class Rollback extends Error {}
