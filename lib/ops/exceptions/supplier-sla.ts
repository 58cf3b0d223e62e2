import "server-only";
import { z } from "zod";
import { db, TX_OPTIONS } from "../../db/client";
import { AppError } from "../../errors";
import type { Principal } from "../../auth/principal";
import { auditActor, recordAudit } from "../../audit/record-audit";
import { DEFAULT_SLA_HOURS, SLA_STATUSES, type SlaStatus } from "./kinds";

/** PUT /api/ops/suppliers/{id}/sla: hours per status; null goes back to the default. */
export const supplierSlaSchema = z.strictObject({
  slas: z
    .array(
      z.strictObject({
        status: z.enum(SLA_STATUSES),
        hours: z
          .number()
          .int("Whole hours")
          .min(1, "At least 1 hour")
          .max(24 * 60, "At most 60 days")
          .nullable(),
      }),
    )
    .min(1)
    .max(SLA_STATUSES.length),
});

export type SupplierSlaDto = { supplierId: string; supplier: string; slas: { status: SlaStatus; hours: number; isDefault: boolean }[] };

export async function getSupplierSla(supplierId: string): Promise<SupplierSlaDto> {
  const s = await db.supplier.findUnique({ where: { id: supplierId }, select: { id: true, name: true, slas: true } });
  if (!s) throw new AppError("not_found", `No supplier ${supplierId}`);
  const set = new Map(s.slas.map((x) => [x.status as string, x.hours]));
  return {
    supplierId: s.id,
    supplier: s.name,
    slas: SLA_STATUSES.map((status) => ({ status, hours: set.get(status) ?? DEFAULT_SLA_HOURS[status], isDefault: !set.has(status) })),
  };
}

/** Ops set how long a supplier order may stay in each status at this supplier (the scan's SLA timers read it). */
export async function setSupplierSla(principal: Principal, supplierId: string, raw: unknown): Promise<SupplierSlaDto> {
  const input = supplierSlaSchema.parse(raw);
  const before = await getSupplierSla(supplierId);
  await db.$transaction(async (tx) => {
    for (const x of input.slas) {
      if (x.hours === null) await tx.supplierSla.deleteMany({ where: { supplierId, status: x.status } });
      else
        await tx.supplierSla.upsert({
          where: { supplierId_status: { supplierId, status: x.status } },
          create: { supplierId, status: x.status, hours: x.hours },
          update: { hours: x.hours, updatedAt: new Date() },
        });
    }
    await recordAudit(tx, {
      actor: auditActor(principal),
      action: "supplier.sla_updated",
      entityType: "supplier",
      entityId: supplierId,
      before: before.slas,
      after: input.slas,
    });
  }, TX_OPTIONS);
  return getSupplierSla(supplierId);
}

/** The suppliers an SLA can be set for, by name. */
export function listSlaSuppliers(): Promise<{ id: string; name: string }[]> {
  return db.supplier.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}
