import "server-only";
import { z } from "zod";
import { db } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { decodeCursor, encodeCursor } from "../../wire/cursor";
import { EXCEPTION_KINDS, KIND_INFO, type ExceptionAction, type ExceptionKind } from "./kinds";

/** GET /api/ops/exceptions. */
export const listExceptionsQuerySchema = z.strictObject({
  status: z.enum(["open", "resolved"]).default("open"),
  kind: z.enum(EXCEPTION_KINDS).optional(),
  orderId: z.string().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type ExceptionDto = {
  id: string;
  kind: ExceptionKind;
  label: string;
  reason: string;
  status: "open" | "resolved";
  openedAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
  actions: readonly ExceptionAction[];
  order: { id: string; number: string; status: string; company: string } | null;
  supplierOrderId: string | null;
  supplier: { id: string; slug: string; name: string } | null;
  webhookEventId: string | null;
  offer: { id: string; number: string; status: string } | null;
};

/** The queue (open, oldest first) or what was resolved (newest first), with the counts per kind of what is open. */
export async function listExceptions(q: z.infer<typeof listExceptionsQuerySchema>) {
  const where: Prisma.OpsExceptionWhereInput = { status: q.status, ...(q.kind ? { kind: q.kind } : {}), ...(q.orderId ? { orderId: q.orderId } : {}) };
  const open = q.status === "open";
  const after = decodeCursor(q.cursor);
  if (after) {
    const at = open ? "openedAt" : "resolvedAt";
    where.OR = open
      ? [{ [at]: { gt: after.at } }, { [at]: after.at, id: { gt: after.id } }]
      : [{ [at]: { lt: after.at } }, { [at]: after.at, id: { lt: after.id } }];
  }
  const [rows, counts] = await Promise.all([
    db.opsException.findMany({
      where,
      orderBy: open ? [{ openedAt: "asc" }, { id: "asc" }] : [{ resolvedAt: "desc" }, { id: "desc" }],
      take: q.limit + 1,
    }),
    db.opsException.groupBy({ by: ["kind"], where: { status: "open" }, _count: { _all: true } }),
  ]);
  const page = rows.slice(0, q.limit);
  const [orders, suppliers, offers] = await Promise.all([
    db.order.findMany({
      where: { id: { in: ids(page.map((e) => e.orderId)) } },
      select: { id: true, number: true, status: true, company: { select: { name: true } } },
    }),
    db.supplier.findMany({ where: { id: { in: ids(page.map((e) => e.supplierId)) } }, select: { id: true, slug: true, name: true } }),
    db.offer.findMany({ where: { id: { in: ids(page.map((e) => e.offerId)) } }, select: { id: true, number: true, status: true } }),
  ]);
  const orderOf = new Map(orders.map((o) => [o.id, { id: o.id, number: o.number, status: o.status, company: o.company.name }]));
  const supplierOf = new Map(suppliers.map((s) => [s.id, s]));
  const offerOf = new Map(offers.map((o) => [o.id, o]));
  const last = page.at(-1);
  return {
    data: page.map((e): ExceptionDto => {
      const kind = e.kind as ExceptionKind;
      return {
        id: e.id,
        kind,
        label: KIND_INFO[kind]?.label ?? kind,
        reason: e.reason,
        status: e.status as "open" | "resolved",
        openedAt: e.openedAt.toISOString(),
        lastSeenAt: e.lastSeenAt.toISOString(),
        resolvedAt: e.resolvedAt?.toISOString() ?? null,
        resolvedBy: e.resolvedBy,
        resolution: e.resolution,
        actions: e.status === "open" ? (KIND_INFO[kind]?.actions ?? ["resolve"]) : [],
        order: e.orderId ? (orderOf.get(e.orderId) ?? null) : null,
        supplierOrderId: e.supplierOrderId,
        supplier: e.supplierId ? (supplierOf.get(e.supplierId) ?? null) : null,
        webhookEventId: e.webhookEventId,
        offer: e.offerId ? (offerOf.get(e.offerId) ?? null) : null,
      };
    }),
    nextCursor: rows.length > q.limit && last ? encodeCursor((open ? last.openedAt : last.resolvedAt) ?? last.openedAt, last.id) : null,
    counts: {
      open: counts.reduce((n, c) => n + c._count._all, 0),
      byKind: Object.fromEntries(counts.map((c) => [c.kind, c._count._all])) as Partial<Record<ExceptionKind, number>>,
    },
  };
}

const ids = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))];
