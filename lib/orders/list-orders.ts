import "server-only";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { companyScope, isStaff, type Principal } from "../auth/principal";
import { decodeCursor, encodeCursor } from "../wire/cursor";
import type { ListOrdersQuery } from "./schemas";
import { orderSelect, serializeOrder } from "./serialize-order";

export function ordersWhere(principal: Principal, q: Pick<ListOrdersQuery, "status" | "q">): Prisma.OrderWhereInput {
  const where: Prisma.OrderWhereInput = { ...companyScope(principal) };
  if (q.status) where.status = q.status;
  if (q.q) {
    where.OR = [
      { number: { contains: q.q, mode: "insensitive" } },
      { reference: { contains: q.q, mode: "insensitive" } },
      ...(isStaff(principal) ? [{ company: { name: { contains: q.q, mode: "insensitive" as const } } }] : []),
    ];
  }
  return where;
}

/** Newest first, keyset-paginated (stable under concurrent inserts). */
export async function listOrders(principal: Principal, q: ListOrdersQuery) {
  const where = ordersWhere(principal, q);
  const c = decodeCursor(q.cursor);
  if (c) where.AND = [{ OR: [{ createdAt: { lt: c.at } }, { createdAt: c.at, id: { lt: c.id } }] }];
  const rows = await db.order.findMany({
    where,
    select: orderSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    data: page.map((r) => serializeOrder(r, { staff: isStaff(principal) })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

/** Orders per status for the ops board's filter chips. */
export async function countOrdersByStatus(principal: Principal, q: Pick<ListOrdersQuery, "q">) {
  const groups = await db.order.groupBy({ by: ["status"], where: ordersWhere(principal, { q: q.q }), _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all])) as Record<string, number>;
}
