import "server-only";
import { db } from "../db/client";
import type { Principal } from "../auth/principal";
import { getOrder } from "./get-order";
import type { OpsOrderDto } from "./order-dto";

/** The order plus everything ops need to see why it is where it is. */
export async function getOrderForOps(principal: Principal, id: string): Promise<OpsOrderDto> {
  const order = await getOrder(principal, id);
  const [calls, webhooks, emails] = await Promise.all([
    db.supplierCall.findMany({
      where: { supplierOrder: { orderId: id } },
      orderBy: { createdAt: "asc" },
      take: 500,
      select: {
        createdAt: true,
        operation: true,
        method: true,
        url: true,
        statusCode: true,
        ok: true,
        durationMs: true,
        error: true,
        supplier: { select: { slug: true } },
      },
    }),
    db.webhookEvent.findMany({
      where: { orderId: id },
      orderBy: { receivedAt: "asc" },
      take: 500,
      select: { id: true, receivedAt: true, source: true, eventType: true, outcome: true, verified: true, httpStatus: true, error: true, dedupeKey: true },
    }),
    db.notification.findMany({
      where: { orderId: id },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        createdAt: true,
        type: true,
        email: true,
        subject: true,
        status: true,
        sentAt: true,
        attempts: true,
        lastError: true,
        resendOfId: true,
      },
    }),
  ]);
  return {
    ...order,
    supplierCalls: calls.map(({ createdAt, supplier, ...c }) => ({ at: createdAt.toISOString(), supplier: supplier.slug, ...c })),
    webhooks: webhooks.map((w) => ({ ...w, receivedAt: w.receivedAt.toISOString() })),
    emails: emails.map((e) => ({ ...e, createdAt: e.createdAt.toISOString(), sentAt: e.sentAt?.toISOString() ?? null })),
  };
}
