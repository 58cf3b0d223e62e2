import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db, TX_OPTIONS } from "../db/client";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";
import { auditActor, recordAudit } from "../audit/record-audit";
import { dispatchOutbox, enqueueInTx } from "../queue/outbox";
import { adapterFor } from "../suppliers/load-supplier";
import { ATTACHABLE } from "./webhook-log-filters";
import { awaitActions } from "./replay-webhook-events";

export const attachBodySchema = z
  .object({
    /** The order's number or id (or one of its supplier orders' ids). */
    orderId: z.string().trim().min(1).max(100).optional(),
    /** Which of the order's supplier orders at the event's supplier, when it has several. */
    supplierOrderId: z.string().trim().min(1).max(100).optional(),
    waitMs: z.number().int().min(0).max(10_000).default(3000),
  })
  .strict()
  .refine((b) => b.orderId || b.supplierOrderId, { message: "Give the order number or id", path: ["orderId"] });

type Target = { id: string; orderId: string; reference: string; order: { number: string; companyId: string } };

/** The supplier order of the event's supplier that ops name, or a 422 that says what to give instead. */
async function findTarget(supplierId: string, slug: string, b: z.infer<typeof attachBodySchema>): Promise<Target> {
  const select = { id: true, orderId: true, reference: true, order: { select: { number: true, companyId: true } } } as const;
  if (b.supplierOrderId) {
    const so = await db.supplierOrder.findFirst({ where: { id: b.supplierOrderId, supplierId }, select });
    if (!so)
      throw new AppError("validation_failed", "No such supplier order at this supplier", {
        fields: { supplierOrderId: `No supplier order ${b.supplierOrderId} at ${slug}` },
      });
    return so;
  }
  const key = b.orderId!;
  const direct = await db.supplierOrder.findFirst({ where: { id: key, supplierId }, select });
  if (direct) return direct;
  const order = await db.order.findFirst({ where: { OR: [{ id: key }, { number: key }] }, select: { id: true, number: true } });
  if (!order) throw new AppError("validation_failed", "No such order", { fields: { orderId: `No order ${key}` } });
  const sos = await db.supplierOrder.findMany({ where: { orderId: order.id, supplierId }, select });
  if (sos.length === 0)
    throw new AppError("validation_failed", "The order has nothing at this supplier", {
      fields: { orderId: `Order ${order.number} has no supplier order at ${slug}` },
    });
  if (sos.length > 1)
    throw new AppError("validation_failed", "Name the supplier order", {
      fields: { supplierOrderId: `Order ${order.number} has ${sos.length} supplier orders at ${slug}: give one (supplierOrderId)` },
    });
  return sos[0]!;
}

/**
 * Ops attach a flagged event (an unknown order, ids that disagree, or given up) to one of our
 * orders by hand: the event is linked to that supplier order and applied to it through the normal
 * processing path (its job through the outbox), the order's timeline says who attached it, and
 * the audit log has the entry, all in one transaction.
 */
export async function attachWebhookEvent(principal: Principal, id: string, body: z.infer<typeof attachBodySchema>) {
  const ev = await db.webhookEvent.findUnique({
    where: { id },
    select: {
      id: true,
      verified: true,
      dedupeKey: true,
      supplierId: true,
      rawBody: true,
      outcome: true,
      flagged: true,
      eventType: true,
      orderId: true,
      error: true,
    },
  });
  if (!ev) throw new AppError("not_found", `No webhook event ${id}`);
  if (!ev.verified || !ev.dedupeKey || !ev.supplierId || !ev.rawBody) throw new AppError("conflict", "Only a verified event with its body can be attached");
  if (!ev.flagged || !ATTACHABLE.has(ev.outcome))
    throw new AppError("conflict", `Only a flagged event can be attached (this one is ${ev.outcome}); replay it instead`);
  const { adapter, config } = await adapterFor({ id: ev.supplierId });
  let kind: string;
  try {
    kind = adapter.parseWebhook(Buffer.from(ev.rawBody, "utf8"), ev.dedupeKey).kind;
  } catch {
    throw new AppError("conflict", "This event's body is not one this version can read, so it cannot be applied to an order");
  }
  if (kind !== "order") throw new AppError("conflict", "Only an order event can be attached to an order");
  const target = await findTarget(ev.supplierId, config.slug, body);

  const actionId = randomUUID();
  const ref = await db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ outcome: string; flagged: boolean }[]>`SELECT "outcome", "flagged" FROM "WebhookEvent" WHERE "id" = ${id} FOR UPDATE`;
    if (!locked?.flagged || !ATTACHABLE.has(locked.outcome)) throw new AppError("conflict", "The event was handled meanwhile");
    await tx.webhookEvent.update({
      where: { id },
      data: { attachedSupplierOrderId: target.id, orderId: target.orderId, outcome: "pending", processedAt: null, flagged: false, error: null },
    });
    const job = await enqueueInTx(tx, "processWebhook", { webhookEventId: id, actionId });
    await tx.webhookEventAction.create({
      data: {
        id: actionId,
        webhookEventId: id,
        kind: "attach",
        actorEmail: principal.email,
        previousOutcome: ev.outcome,
        supplierOrderId: target.id,
        outboxId: job.id,
      },
    });
    // Ops only: the reseller's timeline shows the status change the event brings, not this.
    await tx.orderEvent.create({
      data: {
        orderId: target.orderId,
        supplierOrderId: target.id,
        type: "webhook_attached",
        source: `ops:${principal.email}`,
        message: `Supplier event ${ev.eventType ?? ""} ${ev.dedupeKey} attached by ${principal.name}`.replace(/\s+/g, " "),
        data: { webhookEventId: id, previousOutcome: ev.outcome },
      },
    });
    await recordAudit(tx, {
      actor: auditActor(principal),
      action: "webhook.attached",
      entityType: "webhook_event",
      entityId: id,
      companyId: target.order.companyId,
      before: { outcome: ev.outcome, orderId: ev.orderId, reason: ev.error },
      after: { outcome: "pending", orderId: target.orderId, orderNumber: target.order.number, supplierOrderId: target.id },
    });
    return job;
  }, TX_OPTIONS);
  await dispatchOutbox([ref]);
  const [result] = await awaitActions([{ id: actionId, webhookEventId: id, previousOutcome: ev.outcome }], body.waitMs);
  return { ...result!, order: { id: target.orderId, number: target.order.number }, supplierOrderId: target.id };
}
