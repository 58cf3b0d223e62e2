import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { env } from "../env";
import type { OrderStatus } from "../orders/status-model";
import { enqueueManyInTx, type OutboxRef } from "../queue/outbox";
import { orderEmailProps, type OrderEmailType, type OrderForEmail } from "./order-email-props";
import { composeEmail } from "./email-templates";

/** Which email an order status change sends (product.md, Emails). */
export function emailTypeForStatus(status: OrderStatus): OrderEmailType | null {
  switch (status) {
    case "accepted": return "order_accepted";
    case "rejected": return "order_rejected";
    case "processing": return "order_processing";
    case "partially_shipped":
    case "shipped": return "order_shipped";
    case "delivered": return "order_delivered";
    case "canceled": return "order_canceled";
    case "failed": return "order_failed";
    default: return null;
  }
}

/**
 * Create one Notification per recipient for this order event, unless it
 * exists already (the idempotency key is unique: a duplicated event cannot
 * send a second email), and queue their sending through the outbox.
 * Returns the outbox ids to dispatch after commit.
 */
export async function queueOrderEmailsInTx(
  tx: Tx,
  orderId: string,
  type: OrderEmailType,
  extra: {
    reason?: string | null; by?: string | null; order?: OrderForEmail & { userId: string; company: { contactEmails: string[] } };
    /** The order status this email is for when the order has moved past it already (a shipped step that was skipped). */
    asStatus?: OrderStatus;
  } = {},
): Promise<OutboxRef[]> {
  // A caller that just wrote the order passes it in rather than have it read back.
  const order = extra.order ?? await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      id: true, number: true, status: true, reference: true, currency: true, subtotal: true, shippingAddress: true, createdAt: true,
      userId: true, user: { select: { email: true, name: true } },
      company: { select: { name: true, contactEmails: true } },
      items: { select: { sku: true, name: true, quantity: true, unitPrice: true, lineTotal: true }, orderBy: { id: "asc" } },
      supplierOrders: { select: { status: true, trackingNumber: true, carrier: true, trackingUrl: true, lastError: true, supplier: { select: { name: true } } } },
    },
  });
  // partially_shipped and shipped are separate events: each sends its own email once.
  const eventKey = type === "order_shipped" ? `${type}:${extra.asStatus ?? order.status}` : type;
  const recipients =
    type === "order_failed"
      ? [env().OPS_EMAIL]
      : [...new Set([order.user.email, ...order.company.contactEmails].map((e) => e.toLowerCase()))];
  const keys = recipients.map((email) => `${order.id}:${eventKey}:${email}`);
  const existing = extra.order
    ? new Set<string>()
    : new Set(
        (await tx.notification.findMany({ where: { idempotencyKey: { in: keys } }, select: { idempotencyKey: true } })).map((n) => n.idempotencyKey),
      );
  const rows: Prisma.NotificationCreateManyInput[] = [];
  for (const [i, email] of recipients.entries()) {
    const idempotencyKey = keys[i]!;
    if (existing.has(idempotencyKey)) continue;
    // Rendered per recipient: only the order's own user is greeted by name.
    const isBuyer = email === order.user.email.toLowerCase();
    const props = orderEmailProps(type, extra.asStatus ? { ...order, status: extra.asStatus } : order, { appUrl: env().APP_URL, recipientName: isBuyer ? order.user.name : null, ...extra });
    const composed = composeEmail(type, props as never);
    rows.push({
      id: randomUUID(), idempotencyKey, type, orderId: order.id, userId: isBuyer ? order.userId : null, email,
      subject: composed.subject, body: composed.text, props: composed.props as Prisma.InputJsonValue,
    });
  }
  if (rows.length === 0) return [];
  await tx.notification.createMany({ data: rows });
  return enqueueManyInTx(tx, rows.map((r) => ({ key: "sendEmail" as const, payload: { notificationId: r.id! } })));
}
