import "server-only";
import { randomUUID } from "node:crypto";
import { auditActor, recordAudit } from "../audit/record-audit";
import { db, TX_OPTIONS } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";
import { dispatchOutbox, enqueueInTx } from "../queue/outbox";

/**
 * Ops resend one of an order's emails: a new Notification (its own Message-ID, so the recipient's
 * mail system does not fold it into the first), sent through the queue like any other, and an
 * `email_resent` entry on the order's timeline (ops only; the reseller's timeline leaves it out).
 * A resend is ops' explicit choice: no second inbox item, and no preference check.
 */
export async function resendNotification(principal: Principal, orderId: string, notificationId: string) {
  const orig = await db.notification.findFirst({
    where: { id: notificationId, orderId },
    select: { id: true, idempotencyKey: true, type: true, orderId: true, userId: true, email: true, subject: true, body: true, html: true, props: true },
  });
  if (!orig) throw new AppError("not_found", `Order ${orderId} has no email ${notificationId}`);
  const id = randomUUID();
  const ref = await db.$transaction(async (tx) => {
    await tx.notification.create({
      data: {
        id,
        idempotencyKey: `${orig.idempotencyKey}:resend:${id}`,
        type: orig.type,
        orderId: orig.orderId,
        userId: orig.userId,
        email: orig.email,
        subject: orig.subject,
        body: orig.body,
        html: orig.html,
        props: (orig.props ?? undefined) as Prisma.InputJsonValue | undefined,
        resendOfId: orig.id,
      },
    });
    await tx.orderEvent.create({
      data: {
        orderId,
        type: "email_resent",
        source: `ops:${principal.email}`,
        message: `${orig.type} email to ${orig.email} resent`,
        data: { notificationId: id, resendOf: orig.id },
      },
    });
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { number: true, companyId: true } });
    await recordAudit(tx, {
      actor: auditActor(principal),
      action: "notification.resent",
      entityType: "order",
      entityId: orderId,
      companyId: order.companyId,
      after: { number: order.number, type: orig.type, email: orig.email, resendOf: orig.id, notificationId: id },
    });
    return enqueueInTx(tx, "sendEmail", { notificationId: id });
  }, TX_OPTIONS);
  await dispatchOutbox([ref]);
  return { id, resendOf: orig.id, email: orig.email, type: orig.type, status: "pending" as const };
}
