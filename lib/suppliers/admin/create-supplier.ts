import "server-only";
import { rescheduleSupplierSyncs } from "../../catalog/sync/schedule-supplier-syncs";
import { recordAudit, type AuditActor } from "../../audit/record-audit";
import { db, TX_OPTIONS } from "../../db/client";
import { encryptJson, encryptSecret } from "../../crypto/credentials";
import { AppError } from "../../errors";
import { log } from "../../logger";
import { isUniqueViolation } from "../../orders/request-hash";
import { clearSupplierCache } from "../load-supplier";
import { isAdapterAvailable } from "../registry";
import { getSupplier } from "./get-supplier";
import { createSupplierSchema, type CreateSupplierInput } from "./schemas";
import type { SupplierView } from "./types";

/**
 * Add a supplier of a known kind: a row, no code. Its credentials and webhook
 * secret are encrypted before they reach the database; its scheduled syncs
 * start at once.
 */
export async function createSupplier(input: CreateSupplierInput, actor: AuditActor = "system"): Promise<SupplierView> {
  const s = createSupplierSchema.parse(input);
  if (!isAdapterAvailable(s.type)) {
    throw new AppError("validation_failed", "Request is invalid", { fields: { type: `No adapter for ${s.type} yet` } });
  }
  let id: string;
  try {
    const settings = {
      slug: s.slug,
      name: s.name,
      type: s.type,
      apiEndpoint: s.apiEndpoint,
      rateLimitPerSec: s.rateLimitPerSec,
      timeoutMs: s.timeoutMs,
      active: s.active,
      failoverAfterSec: s.failoverAfterSec,
      syncStockMinutes: s.syncStockMinutes,
      syncCatalogMinutes: s.syncCatalogMinutes,
    };
    const row = await db.$transaction(async (tx) => {
      const created = await tx.supplier.create({
        data: {
          ...settings,
          credentials: encryptJson(s.credentials),
          webhookSecret: s.webhookSecret ? encryptSecret(s.webhookSecret) : null,
        },
        select: { id: true },
      });
      // The settings, and which credential fields were given: never a value.
      await recordAudit(tx, {
        actor,
        action: "supplier.created",
        entityType: "supplier",
        entityId: created.id,
        after: { ...settings, loginFieldsGiven: Object.keys(s.credentials), hasWebhookSecret: !!s.webhookSecret },
      });
      return created;
    }, TX_OPTIONS);
    id = row.id;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("conflict", `A supplier '${s.slug}' exists already`, { fields: { slug: "Already taken" } });
    throw err;
  }
  clearSupplierCache();
  log.info("supplier created", { supplier: s.slug, kind: s.type, by: actor === "system" ? "system" : actor.email });
  await rescheduleSupplierSyncs();
  return getSupplier(id);
}
