import "server-only";
import { z } from "zod";
import { db, TX_OPTIONS } from "../../db/client";
import { AppError } from "../../errors";
import type { Principal } from "../../auth/principal";
import { auditActor, recordAudit } from "../../audit/record-audit";
import { retryOrder } from "../../orders/retry-order";
import { rejectAndReroute } from "../../orders/reroute-supplier-order";
import { requestCancel } from "../../orders/cancel-order";
import { wellFormedString } from "../../wire/well-formed";
import { KIND_INFO, type ExceptionAction, type ExceptionKind } from "./kinds";

/** POST /api/ops/exceptions/{id}/{action}: a note, required to resolve by hand. */
export const exceptionActionSchema = z.strictObject({
  note: wellFormedString().trim().max(1000, "At most 1000 characters").optional(),
});

/**
 * Ops act on an open exception with one of the actions its kind offers (kinds.ts): retry the
 * failed supplier orders, reroute the supplier order to another offer, cancel the order (each
 * through the same code as from the order page), or mark it resolved with a note. The exception
 * then leaves the queue: resolved by that ops user with what was done, on the order's timeline,
 * and in the audit log. An action the kind does not offer, or on a resolved one, is 409.
 */
export async function actOnException(principal: Principal, id: string, action: ExceptionAction, raw: unknown) {
  const input = exceptionActionSchema.parse(raw ?? {});
  const e = await db.opsException.findUnique({ where: { id } });
  if (!e) throw new AppError("not_found", `No exception ${id}`);
  if (e.status !== "open")
    throw new AppError("conflict", `This exception is already resolved (${e.resolution ?? "resolved"})`, { details: { status: e.status } });
  const kind = e.kind as ExceptionKind;
  if (!KIND_INFO[kind]?.actions.includes(action))
    throw new AppError("conflict", `${KIND_INFO[kind]?.label ?? kind}: ${action} is not one of its actions`, {
      details: { actions: KIND_INFO[kind]?.actions ?? [] },
    });
  if (action === "resolve" && !input.note) throw new AppError("validation_failed", "Say what was done", { fields: { note: "Required to resolve by hand" } });

  let done: string;
  if (action === "retry") {
    await retryOrder(principal, e.orderId!);
    done = "Retried";
  } else if (action === "reroute") {
    const r = await rejectAndReroute(e.supplierOrderId!, input.note ?? `Rerouted by ${principal.name}`, `ops:${principal.email}`, { byOps: true });
    if (!r.rerouted)
      throw new AppError("conflict", "No other supplier has these lines in stock at a cost within the order's price", { details: { reason: "no_offer" } });
    done = `Rerouted to ${r.to?.join(", ")}`;
  } else if (action === "cancel") {
    await requestCancel(principal, e.orderId!);
    done = "Order canceled";
  } else done = "Resolved";
  const resolution = `${done} by ${principal.name}${input.note ? `: ${input.note}` : ""}`;

  return db.$transaction(async (tx) => {
    const moved = await tx.opsException.updateMany({
      where: { id, status: "open" },
      data: { status: "resolved", resolvedAt: new Date(), resolvedBy: `ops:${principal.email}`, resolution },
    });
    // Resolved meanwhile (the scan saw it cleared, or another click): the action stands, nothing more to write.
    if (moved.count === 0) return { id, status: "resolved" as const, resolution: (await tx.opsException.findUnique({ where: { id } }))?.resolution ?? null };
    if (e.orderId) {
      await tx.orderEvent.create({
        data: { orderId: e.orderId, supplierOrderId: e.supplierOrderId, type: "exception_resolved", source: `ops:${principal.email}`, message: resolution },
      });
    }
    await recordAudit(tx, {
      actor: auditActor(principal),
      action: "exception.resolved",
      entityType: "exception",
      entityId: id,
      before: { kind, reason: e.reason, status: "open" },
      after: { status: "resolved", action, resolution },
      note: input.note ?? null,
    });
    return { id, status: "resolved" as const, resolution };
  }, TX_OPTIONS);
}
