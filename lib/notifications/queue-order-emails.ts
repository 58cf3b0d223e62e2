import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { env } from "../env";
import type { OrderStatus } from "../orders/status-model";
import { enqueueManyInTx, outboxRows, type OutboxRef } from "../queue/outbox";
import { orderEmailProps, type OrderEmailType, type OrderForEmail } from "./order-email-props";
import { composeEmail } from "./email-templates";
import { staffRecipients, type StaffRecipient } from "./staff-recipients";

/** Which email an order status change sends (product.md, Emails). */
export function emailTypeForStatus(status: OrderStatus): OrderEmailType | null {
  switch (status) {
    case "accepted":
      return "order_accepted";
    case "rejected":
      return "order_rejected";
    case "processing":
      return "order_processing";
    // Shipments email per supplier order (applySupplierUpdatesInTx queues order_shipped), not per order status.
    case "partially_shipped":
    case "shipped":
      return null;
    case "delivered":
      return "order_delivered";
    case "canceled":
      return "order_canceled";
    case "failed":
      return "order_failed";
    default:
      return null;
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
  extra: EmailExtra & {
    order?: OrderForEmail & { userId: string; company: { contactEmails: string[] } };
  } = {},
): Promise<OutboxRef[]> {
  if (!extra.order) return (await queueOrderEmailsManyInTx(tx, [{ orderId, type, extra }]))[0]!;
  // A caller that just wrote the order passes it in rather than have it read back; it has no notifications yet.
  const rows = orderEmailRows(type, extra.order, { ...extra, staff: type === "order_failed" ? await staffRecipients(tx) : undefined });
  if (rows.length === 0) return [];
  await tx.notification.createMany({ data: rows });
  return enqueueManyInTx(
    tx,
    rows.map((r) => ({ key: "sendEmail" as const, payload: { notificationId: r.id } })),
  );
}

type EmailExtra = {
  reason?: string | null;
  by?: string | null;
  /** order_shipped: the one supplier order (parcel) this email is about. */
  shipmentOf?: string;
  /** Another event with this template (e.g. "order_stuck:<supplier order>" sends the failed template to ops once). */
  eventKey?: string;
};

type EmailOrder = OrderForEmail & { userId: string; company: { name: string; contactEmails: string[] } };

/** What the emails of these orders need, in ONE statement (Prisma's relation reads would be six). */
async function readOrdersForEmail(tx: Tx, ids: string[]): Promise<EmailOrder[]> {
  const rows = await tx.$queryRaw<(Omit<EmailOrder, "createdAt"> & { createdAt: Date })[]>`
    SELECT o."id", o."number", o."status"::text AS "status", o."reference", o."currency", o."subtotal"::text AS "subtotal", o."shippingAddress",
           o."createdAt", o."userId",
           json_build_object('email', u."email", 'name', u."name") AS "user",
           json_build_object('name', c."name", 'contactEmails', c."contactEmails") AS "company",
           COALESCE((SELECT json_agg(json_build_object('sku', i."sku", 'name', i."name", 'quantity', i."quantity", 'unitPrice', i."unitPrice"::text,
                                                       'lineTotal', i."lineTotal"::text, 'supplierOrderId', i."supplierOrderId") ORDER BY i."id")
                       FROM "OrderItem" i WHERE i."orderId" = o."id"), '[]'::json) AS "items",
           COALESCE((SELECT json_agg(json_build_object('id', so."id", 'status', so."status", 'trackingNumber', so."trackingNumber", 'carrier', so."carrier",
                                                       'trackingUrl', so."trackingUrl", 'lastError', so."lastError", 'supplier', json_build_object('name', s."name"))
                                           ORDER BY so."createdAt", so."id")
                       FROM "SupplierOrder" so JOIN "Supplier" s ON s."id" = so."supplierId" WHERE so."orderId" = o."id"), '[]'::json) AS "supplierOrders"
      FROM "Order" o JOIN "User" u ON u."id" = o."userId" JOIN "Company" c ON c."id" = o."companyId"
     WHERE o."id" = ANY(${ids}::text[])`;
  return rows;
}

/**
 * The emails of several order events at once (a batch of supplier updates):
 * the orders read in one query, the notifications and their outbox rows
 * written in one statement. Returns each
 * request's outbox refs, in order. An event already queued (same idempotency
 * key, here or in an earlier transaction) queues nothing.
 */
export async function queueOrderEmailsManyInTx(tx: Tx, requests: { orderId: string; type: OrderEmailType; extra?: EmailExtra }[]): Promise<OutboxRef[][]> {
  if (requests.length === 0) return [];
  const orders = await readOrdersForEmail(tx, [...new Set(requests.map((r) => r.orderId))]);
  const byId = new Map(orders.map((o) => [o.id, o]));
  const staff = requests.some((r) => r.type === "order_failed") ? await staffRecipients(tx) : undefined;
  // One shipment email per supplier order (parcel), however often it is reported.
  const candidates = requests.map((r) => {
    const order = byId.get(r.orderId);
    if (!order) throw new Error(`order ${r.orderId} not found`);
    return orderEmailRows(r.type, order, { ...r.extra, staff });
  });
  // Within this batch the same event twice is one email; against earlier ones the unique key decides.
  const seen = new Set<string>();
  const perRequest = candidates.map((rows) =>
    rows.filter((row) => {
      if (seen.has(row.idempotencyKey)) return false;
      seen.add(row.idempotencyKey);
      return true;
    }),
  );
  const rows = perRequest.flat();
  if (rows.length === 0) return requests.map(() => []);
  const jobs = outboxRows(rows.map((r) => ({ key: "sendEmail" as const, payload: { notificationId: r.id } })));
  // The notifications and their jobs in one statement: an event queued before (same key) gets neither.
  const written = await tx.$queryRaw<{ id: string }[]>`
    WITH n AS (
      INSERT INTO "Notification" ("id", "idempotencyKey", "type", "orderId", "userId", "email", "subject", "body", "props")
      SELECT x."id", x."idempotencyKey", x."type", x."orderId", x."userId", x."email", x."subject", x."body", x."props"
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x("id" text, "idempotencyKey" text, "type" text, "orderId" text, "userId" text,
             "email" text, "subject" text, "body" text, "props" jsonb)
      ON CONFLICT ("idempotencyKey") DO NOTHING
      RETURNING "id"
    )
    INSERT INTO "OutboxMessage" ("id", "queue", "name", "payload", "subject")
    SELECT j."id", j."queue", j."name", j."payload", j."subject"
      FROM jsonb_to_recordset(${JSON.stringify(jobs.map((j, i) => ({ ...j, notificationId: rows[i]!.id })))}::jsonb)
           AS j("id" text, "queue" text, "name" text, "payload" jsonb, "subject" text, "notificationId" text)
      JOIN n ON n."id" = j."notificationId"
    RETURNING "id"`;
  const queued = new Set(written.map((w) => w.id));
  const refByNotification = new Map(
    rows.flatMap((r, i) => {
      const j = jobs[i]!;
      return queued.has(j.id) ? [[r.id, { id: j.id, queue: j.queue, name: j.name, payload: j.payload }] as const] : [];
    }),
  );
  return perRequest.map((rs) => rs.flatMap((r) => refByNotification.get(r.id) ?? []));
}

export type OrderEmailRow = {
  id: string;
  idempotencyKey: string;
  type: OrderEmailType;
  orderId: string;
  userId: string | null;
  email: string;
  subject: string;
  body: string;
  props: Prisma.InputJsonValue;
};

/**
 * The Notification rows for one order event, one per recipient, composed (subject, text, the
 * template's props) but not written: queueOrderEmailsInTx writes them, order intake hands them to
 * its one statement. The idempotency key `${orderId}:${event}:${email}` makes a second write of
 * the same event a no-op.
 */
export function orderEmailRows(
  type: OrderEmailType,
  order: OrderForEmail & { userId: string; company: { contactEmails: string[] } },
  extra: EmailExtra & { staff?: StaffRecipient[] } = {},
): OrderEmailRow[] {
  const { staff, ...propsExtra } = extra;
  const eventKey = extra.eventKey ?? (type === "order_shipped" ? `${type}:${extra.shipmentOf ?? order.status}` : type);
  // Ops' email goes to the staff (staffRecipients); a reseller's to the buyer and the company's contact addresses.
  const recipients: StaffRecipient[] =
    type === "order_failed"
      ? (staff ?? [{ email: env().OPS_EMAIL.toLowerCase(), userId: null }])
      : [...new Set([order.user.email, ...order.company.contactEmails].map((e) => e.toLowerCase()))].map((email) => ({
          email,
          userId: email === order.user.email.toLowerCase() ? order.userId : null,
        }));
  return recipients.map(({ email, userId }) => {
    const isBuyer = type !== "order_failed" && email === order.user.email.toLowerCase();
    const props = orderEmailProps(type, order, { appUrl: env().APP_URL, recipientName: isBuyer ? order.user.name : null, ...propsExtra });
    const composed = composeEmail(type, props as never);
    return {
      id: randomUUID(),
      idempotencyKey: `${order.id}:${eventKey}:${email}`,
      type,
      orderId: order.id,
      userId,
      email,
      subject: composed.subject,
      body: composed.text,
      props: composed.props as Prisma.InputJsonValue,
    };
  });
}
