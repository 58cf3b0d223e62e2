import "server-only";
import { rescheduleSupplierSyncs } from "../../catalog/sync/schedule-supplier-syncs";
import { recordAudit, type AuditActor } from "../../audit/record-audit";
import { db, TX_OPTIONS, type Prisma } from "../../db/client";
import { decryptJson, encryptJson, encryptSecret } from "../../crypto/credentials";
import { AppError, fieldsFromIssues } from "../../errors";
import { log } from "../../logger";
import { clearSupplierCache } from "../load-supplier";
import { breaker } from "../resilience/guard";
import { findSupplierRow, type SupplierRow } from "../find-supplier";
import { getSupplier } from "./get-supplier";
import { supplierKind } from "../registry";
import { MAX_WEBHOOK_SECRETS } from "./limits";
import { updateSupplierSchema, type UpdateSupplierInput } from "./schemas";
import { webhookSecretList } from "./supplier-view";
import type { SupplierView } from "./types";

const invalid = (fields: Record<string, string>) => new AppError("validation_failed", "Request is invalid", { fields });

/** Merge write-only credential changes into the stored ones: string replaces, null removes, omitted keeps. */
function mergeCredentials(row: SupplierRow, patch: Record<string, string | null>): string {
  const kind = row.type;
  const credentials = supplierKind(kind).credentials;
  const known = new Set(credentials.fields.map((f) => f.name));
  const unknown = Object.keys(patch).filter((k) => !known.has(k));
  if (unknown.length) throw invalid(Object.fromEntries(unknown.map((k) => [`credentials.${k}`, `Not a ${kind} credential`])));
  let current: Record<string, string> = {};
  try {
    current = row.credentials ? decryptJson<Record<string, string>>(row.credentials) : {};
  } catch {
    // Unreadable (key changed): start empty, so the admin re-enters every required field.
  }
  const next = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete next[k];
    else if (v.trim() !== "") next[k] = v;
  }
  const parsed = credentials.schema.safeParse(next);
  if (!parsed.success) throw invalid(fieldsFromIssues(parsed.error.issues.map((i) => ({ ...i, path: ["credentials", ...i.path] }))));
  return encryptJson(parsed.data);
}

/** Rotation: the new secret first (it is the current one), old ones kept until retired. */
function nextWebhookSecrets(row: SupplierRow, rotate: { newSecret: string; keepOld: boolean } | undefined, retire: boolean): string | null {
  let secrets = webhookSecretList(row.webhookSecret);
  if (rotate) {
    secrets = rotate.keepOld ? [rotate.newSecret, ...secrets.filter((s) => s !== rotate.newSecret)] : [rotate.newSecret];
    if (secrets.length > MAX_WEBHOOK_SECRETS) {
      throw invalid({ "rotateWebhookSecret.newSecret": `${MAX_WEBHOOK_SECRETS - 1} old secrets are still valid: retire them first` });
    }
  }
  if (retire) secrets = secrets.slice(0, 1);
  return secrets.length ? encryptSecret(secrets.join(",")) : null;
}

/**
 * A partial update of a supplier's settings. Refuses (409) when the row
 * changed since it was read, so two admins editing credentials at once
 * cannot silently drop each other's field.
 */
export async function updateSupplier(idOrSlug: string, input: UpdateSupplierInput, actor: AuditActor = "system"): Promise<SupplierView> {
  const patch = updateSupplierSchema.parse(input);
  const row = await findSupplierRow(idOrSlug);
  const data: Prisma.SupplierUpdateManyMutationInput = {};
  if (patch.name !== undefined && patch.name !== row.name) data.name = patch.name;
  if (patch.apiEndpoint !== undefined && patch.apiEndpoint !== row.apiEndpoint) data.apiEndpoint = patch.apiEndpoint;
  if (patch.rateLimitPerSec !== undefined && patch.rateLimitPerSec !== row.rateLimitPerSec) data.rateLimitPerSec = patch.rateLimitPerSec;
  if (patch.timeoutMs !== undefined && patch.timeoutMs !== row.timeoutMs) data.timeoutMs = patch.timeoutMs;
  if (patch.failoverAfterSec !== undefined && patch.failoverAfterSec !== row.failoverAfterSec) data.failoverAfterSec = patch.failoverAfterSec;
  if (patch.active !== undefined && patch.active !== row.active) data.active = patch.active;
  if (patch.syncStockMinutes !== undefined && patch.syncStockMinutes !== row.syncStockMinutes) data.syncStockMinutes = patch.syncStockMinutes;
  if (patch.syncCatalogMinutes !== undefined && patch.syncCatalogMinutes !== row.syncCatalogMinutes) data.syncCatalogMinutes = patch.syncCatalogMinutes;
  if (patch.credentials && Object.keys(patch.credentials).length) data.credentials = mergeCredentials(row, patch.credentials);
  if (patch.rotateWebhookSecret || patch.retireOldSecrets) {
    data.webhookSecret = nextWebhookSecrets(row, patch.rotateWebhookSecret, patch.retireOldSecrets === true);
  }
  const changed = Object.keys(data);
  if (changed.length) {
    await db.$transaction(async (tx) => {
      const done = await tx.supplier.updateMany({ where: { id: row.id, updatedAt: row.updatedAt }, data });
      if (done.count === 0) throw new AppError("conflict", "The supplier was changed meanwhile: reload and try again");
      await auditSupplierUpdate(tx, row, data, patch, actor);
    }, TX_OPTIONS);
    clearSupplierCache();
    // Failures counted against the old endpoint or key say nothing about the new ones.
    if (data.apiEndpoint || data.credentials) await breaker().reset(row.id);
    log.info("supplier updated", { supplier: row.slug, fields: changed, by: actor === "system" ? "system" : actor.email });
    // The job schedulers follow active and the intervals.
    if (data.active !== undefined || data.syncStockMinutes !== undefined || data.syncCatalogMinutes !== undefined) await rescheduleSupplierSyncs();
  }
  return getSupplier(row.id);
}

const SETTINGS = ["name", "apiEndpoint", "rateLimitPerSec", "timeoutMs", "failoverAfterSec", "active", "syncStockMinutes", "syncCatalogMinutes"] as const;

/** The audit entries of an update: the settings changed (before → after), and a rotation named without any value. */
async function auditSupplierUpdate(
  tx: Prisma.TransactionClient,
  row: SupplierRow,
  data: Prisma.SupplierUpdateManyMutationInput,
  patch: UpdateSupplierInput,
  actor: AuditActor,
) {
  const settings = SETTINGS.filter((k) => k in data);
  if (settings.length) {
    await recordAudit(tx, {
      actor,
      action: "supplier.updated",
      entityType: "supplier",
      entityId: row.id,
      before: Object.fromEntries(settings.map((k) => [k, row[k]])),
      after: Object.fromEntries(settings.map((k) => [k, data[k]])),
    });
  }
  if ("credentials" in data || "webhookSecret" in data) {
    const fields = Object.entries(patch.credentials ?? {});
    const webhook = patch.rotateWebhookSecret
      ? patch.rotateWebhookSecret.keepOld
        ? "new signing secret, older ones still valid"
        : "new signing secret, older ones retired"
      : patch.retireOldSecrets
        ? "older signing secrets retired"
        : null;
    await recordAudit(tx, {
      actor,
      action: "supplier.credentials_rotated",
      entityType: "supplier",
      entityId: row.id,
      // Which fields changed, never a value.
      after: {
        ...("credentials" in data
          ? { replaced: fields.filter(([, v]) => v !== null && v.trim() !== "").map(([k]) => k), removed: fields.filter(([, v]) => v === null).map(([k]) => k) }
          : {}),
        ...(webhook ? { webhook } : {}),
      },
    });
  }
}
