import "server-only";
import { db } from "../db/client";
import { AppError } from "../errors";
import { companyScope, isStaff, type Principal } from "../auth/principal";
import { orderSelect, serializeOrder } from "./serialize-order";

/** One order as the caller may see it; another company's order is a 404, not a 403. */
export async function getOrder(principal: Principal, id: string) {
  const row = await db.order.findFirst({ where: { id, ...companyScope(principal) }, select: orderSelect });
  if (!row) throw new AppError("not_found", "Order not found");
  return serializeOrder(row, { staff: isStaff(principal) });
}
