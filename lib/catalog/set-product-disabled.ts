import "server-only";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { db, TX_OPTIONS } from "../db/client";
import { AppError } from "../errors";

/**
 * Ops take a product off sale (or back). Disabled wins over stock: a sync
 * bringing stock back does not reactivate it (after-offers-changed.ts);
 * enabling it makes it orderable again only if it has stock.
 */
export async function setProductDisabled(sku: string, disabled: boolean, actor: AuditActor = "system") {
  return db.$transaction(async (tx) => {
    // The row as it was, read in the same statement (the FROM's snapshot), and as it is now.
    const rows = await tx.$queryRaw<{ id: string; sku: string; disabled: boolean; active: boolean; stock: number; wasDisabled: boolean; wasActive: boolean }[]>`
      UPDATE "Product" p SET "disabled" = ${disabled}, "active" = (NOT ${disabled} AND p."stock" > 0), "updatedAt" = now()
        FROM "Product" old
       WHERE p."sku" = ${sku} AND old."id" = p."id"
      RETURNING p."id", p."sku", p."disabled", p."active", p."stock", old."disabled" AS "wasDisabled", old."active" AS "wasActive"`;
    const row = rows[0];
    if (!row) throw new AppError("not_found", `No product ${sku}`);
    await recordAudit(tx, {
      actor,
      action: disabled ? "product.disabled" : "product.enabled",
      entityType: "product",
      entityId: row.sku,
      before: { disabled: row.wasDisabled, active: row.wasActive },
      after: { disabled: row.disabled, active: row.active },
    });
    return { sku: row.sku, disabled: row.disabled, active: row.active, stock: row.stock };
  }, TX_OPTIONS);
}
