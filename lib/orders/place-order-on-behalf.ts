import "server-only";
import { auditActor, recordAudit } from "../audit/record-audit";
import { isStaff, type Principal } from "../auth/principal";
import { db, TX_OPTIONS } from "../db/client";
import { AppError } from "../errors";
import { placeOrder, type PlaceOrderResult } from "./place-order";
import type { PlaceOrderInput } from "./schemas";

/**
 * Ops place an order for a reseller company (POST /api/ops/companies/{id}/orders): placed as the
 * company would place it (its tier's prices, its stock, routed and forwarded like any order),
 * under the company's first active owner (else its first active buyer) as the order's user, so
 * the company's emails go where they always go. The timeline says "Order placed by <ops> on
 * behalf of <company>" (the reseller reads "Order placed by our team"), and the audit entry
 * `order.placed_on_behalf` commits with the order. The Idempotency-Key is kept apart from the
 * company's own keys (scoped to the ops user), so the two can never answer each other.
 */
export async function placeOrderOnBehalf(
  staff: Principal,
  companyId: string,
  input: PlaceOrderInput,
  opts: { idempotencyKey?: string; rawBody: unknown },
): Promise<PlaceOrderResult> {
  if (!isStaff(staff)) throw new AppError("forbidden", "This needs an ops or admin account");
  const company = await db.company.findUnique({
    where: { id: companyId },
    select: {
      id: true,
      name: true,
      users: {
        where: { deactivatedAt: null, companyRole: { in: ["owner", "buyer"] } },
        orderBy: [{ companyRole: "asc" }, { createdAt: "asc" }],
        take: 1,
        select: { id: true, email: true, name: true, companyRole: true },
      },
    },
  });
  if (!company) throw new AppError("not_found", "No company with this id");
  const user = company.users[0];
  if (!user) throw new AppError("conflict", `${company.name} has no active owner or buyer to place the order for`);
  const forCompany: Principal = {
    kind: "session",
    userId: user.id,
    email: user.email,
    name: user.name,
    role: "reseller",
    companyId: company.id,
    companyRole: user.companyRole,
  };
  return placeOrder(forCompany, input, {
    idempotencyKey: opts.idempotencyKey ? `ops:${staff.userId}:${opts.idempotencyKey}` : undefined,
    rawBody: opts.rawBody,
    source: "web",
    onBehalf: {
      by: { name: staff.name, email: staff.email },
      transaction: (write, order) =>
        db.$transaction(async (tx) => {
          await write(tx);
          await recordAudit(tx, {
            actor: auditActor(staff),
            action: "order.placed_on_behalf",
            entityType: "order",
            entityId: order.id,
            companyId: company.id,
            note: `Placed on behalf of ${company.name}`,
            after: {
              number: order.number,
              company: company.name,
              orderUser: user.email,
              items: input.items.map((i) => ({ sku: i.sku, quantity: i.quantity })),
              reference: input.reference ?? null,
            },
          });
        }, TX_OPTIONS),
    },
  });
}
