import "server-only";
import { z } from "zod";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { decodeCursor, encodeCursor } from "../wire/cursor";
import { ATTACHABLE, webhookFilterSchema, webhookWhere } from "./webhook-log-filters";

export const listWebhookEventsQuerySchema = webhookFilterSchema.extend({
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

const rowSelect = {
  id: true,
  source: true,
  supplierId: true,
  dedupeKey: true,
  eventType: true,
  verified: true,
  httpStatus: true,
  outcome: true,
  flagged: true,
  error: true,
  orderId: true,
  reference: true,
  occurredAt: true,
  receivedAt: true,
  processedAt: true,
  attachedSupplierOrderId: true,
  replays: true,
  lastReplayAt: true,
  lastReplayOutcome: true,
  supplier: { select: { slug: true, name: true } },
} satisfies Prisma.WebhookEventSelect;
type Row = Prisma.WebhookEventGetPayload<{ select: typeof rowSelect }>;

/** One line of the ops webhook log (ops only: supplier names and ids are fine here). */
function toView(r: Row, orders: Map<string, { id: string; number: string }>) {
  const replayable = r.verified && r.dedupeKey !== null && r.supplierId !== null;
  return {
    id: r.id,
    receivedAt: r.receivedAt.toISOString(),
    processedAt: r.processedAt?.toISOString() ?? null,
    /** Receipt to processed (applied, ignored or flagged); null while waiting and for requests never processed. */
    latencyMs: r.processedAt ? Math.max(0, r.processedAt.getTime() - r.receivedAt.getTime()) : null,
    source: r.source,
    supplier: r.supplier ? { id: r.supplierId, slug: r.supplier.slug, name: r.supplier.name } : null,
    eventId: r.dedupeKey,
    eventType: r.eventType,
    verified: r.verified,
    httpStatus: r.httpStatus,
    outcome: r.outcome,
    flagged: r.flagged,
    /** Why: the rejection, the flag, or why a status was not applied. */
    reason: r.error,
    reference: r.reference,
    occurredAt: r.occurredAt?.toISOString() ?? null,
    order: r.orderId ? (orders.get(r.orderId) ?? { id: r.orderId, number: null }) : null,
    attachedSupplierOrderId: r.attachedSupplierOrderId,
    replays: r.replays,
    lastReplayAt: r.lastReplayAt?.toISOString() ?? null,
    lastReplayOutcome: r.lastReplayOutcome,
    canReplay: replayable,
    canAttach: replayable && r.flagged && ATTACHABLE.has(r.outcome),
  };
}
export type WebhookEventView = ReturnType<typeof toView>;

async function ordersOf(rows: { orderId: string | null }[]) {
  const ids = [...new Set(rows.map((r) => r.orderId).filter((x): x is string => !!x))];
  if (ids.length === 0) return new Map<string, { id: string; number: string }>();
  const found = await db.order.findMany({ where: { id: { in: ids } }, select: { id: true, number: true } });
  return new Map(found.map((o) => [o.id, o]));
}

/** GET /api/ops/webhooks: newest first, keyset-paged. */
export async function listWebhookEvents(q: z.infer<typeof listWebhookEventsQuerySchema>) {
  const where = await webhookWhere(q);
  const cursor = decodeCursor(q.cursor);
  const rows = await db.webhookEvent.findMany({
    where: cursor ? { AND: [where, { OR: [{ receivedAt: { lt: cursor.at } }, { receivedAt: cursor.at, id: { lt: cursor.id } }] }] } : where,
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
    select: rowSelect,
  });
  const page = rows.slice(0, q.limit);
  const orders = await ordersOf(page);
  const last = page[page.length - 1];
  return { data: page.map((r) => toView(r, orders)), nextCursor: rows.length > q.limit && last ? encodeCursor(last.receivedAt, last.id) : null };
}

/** GET /api/ops/webhooks/{id}: the line, its headers, the raw body (verified events only) and its history. */
export async function getWebhookEvent(id: string) {
  const r = await db.webhookEvent.findUnique({
    where: { id },
    select: {
      ...rowSelect,
      headers: true,
      rawBody: true,
      actions: { orderBy: { createdAt: "asc" }, take: 200 },
    },
  });
  if (!r) throw new AppError("not_found", `No webhook event ${id}`);
  const orders = await ordersOf([r]);
  let body: unknown = null;
  if (r.verified && r.rawBody) {
    try {
      body = JSON.parse(r.rawBody);
    } catch {
      body = null;
    }
  }
  const attached = r.attachedSupplierOrderId
    ? await db.supplierOrder.findUnique({ where: { id: r.attachedSupplierOrderId }, select: { id: true, reference: true, orderId: true } })
    : null;
  return {
    ...toView(r, orders),
    headers: r.headers as Record<string, string>,
    rawBody: r.verified ? r.rawBody : null,
    body,
    attachedTo: attached,
    history: [
      { at: r.receivedAt.toISOString(), kind: "received" as const, outcome: r.verified ? "verified" : "rejected", message: `answered HTTP ${r.httpStatus}` },
      ...r.actions.map((a) => ({
        at: a.createdAt.toISOString(),
        kind: a.kind as "replay" | "attach",
        actor: a.actorEmail,
        previousOutcome: a.previousOutcome,
        outcome: a.outcome,
        message: a.message ?? "queued",
        finishedAt: a.finishedAt?.toISOString() ?? null,
        supplierOrderId: a.supplierOrderId,
      })),
    ],
  };
}

/** The suppliers the log's filter offers (every supplier; one that sent nothing simply lists nothing). */
export async function listWebhookSuppliers() {
  return db.supplier.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } });
}
export type WebhookEventDetail = Awaited<ReturnType<typeof getWebhookEvent>>;
