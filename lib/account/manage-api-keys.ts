import "server-only";
import { auditActor, recordAudit } from "../audit/record-audit";
import { db, TX_OPTIONS } from "../db/client";
import { env } from "../env";
import { AppError } from "../errors";
import { createApiKey } from "../auth/api-keys";
import { requirePermission, type ApiScope } from "../auth/permissions";
import type { Principal } from "../auth/principal";
import { createApiKeySchema, rollApiKeySchema } from "./schemas";

const LIST = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  mode: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  expiresAt: true,
  rolledFromId: true,
  user: { select: { name: true, email: true } },
} as const;

type Row = { revokedAt: Date | null; expiresAt: Date | null; user: { name: string; email: string } } & Record<string, unknown>;

function view<T extends Row>(k: T) {
  const { user, ...rest } = k;
  const status = k.revokedAt || (k.expiresAt && k.expiresAt <= new Date()) ? "revoked" : k.expiresAt ? "expiring" : "active";
  return { ...rest, createdBy: { name: user.name, email: user.email }, status };
}

/** The company's keys, newest first: prefix, scopes, who made each, when it was last used. Never the key. */
export async function listApiKeys(principal: Principal) {
  requirePermission(principal, "company:manage");
  const keys = await db.apiKey.findMany({ where: { companyId: principal.companyId! }, orderBy: { createdAt: "desc" }, select: LIST });
  return { data: keys.map(view) };
}

/** A new key with a name and scopes; the plain key is in this answer only. */
export async function createCompanyApiKey(principal: Principal, raw: unknown) {
  requirePermission(principal, "company:manage");
  const input = createApiKeySchema.parse(raw);
  if (input.mode === "test" && !env().DEMO_MODE) {
    throw new AppError("validation_failed", "Test keys exist in the demo only, where every supplier is a simulator", {
      fields: { mode: "Only live keys here" },
    });
  }
  const created = await db.$transaction(async (tx) => {
    const key = await createApiKey({ companyId: principal.companyId!, userId: principal.userId, name: input.name, scopes: input.scopes, mode: input.mode }, tx);
    await recordAudit(tx, {
      actor: auditActor(principal),
      action: "api_key.created",
      entityType: "api_key",
      entityId: key.id,
      companyId: principal.companyId,
      after: { name: key.name, prefix: key.prefix, scopes: key.scopes, mode: key.mode },
    });
    return key;
  }, TX_OPTIONS);
  const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.id }, select: LIST });
  return { ...view(row), key: created.key };
}

/** Revoke at once (within a second on every instance: the key cache's bound). */
export async function revokeApiKey(principal: Principal, keyId: string) {
  requirePermission(principal, "company:manage");
  const r = await db.$transaction(async (tx) => {
    const revoked = await tx.apiKey.updateManyAndReturn({
      where: { id: keyId, companyId: principal.companyId!, revokedAt: null },
      data: { revokedAt: new Date() },
      select: { id: true, name: true, prefix: true, expiresAt: true, revokedAt: true },
    });
    for (const k of revoked) {
      await recordAudit(tx, {
        actor: auditActor(principal),
        action: "api_key.revoked",
        entityType: "api_key",
        entityId: k.id,
        companyId: principal.companyId,
        before: { name: k.name, prefix: k.prefix, status: k.expiresAt ? "expiring" : "active" },
        after: { name: k.name, prefix: k.prefix, status: "revoked" },
      });
    }
    return { count: revoked.length };
  }, TX_OPTIONS);
  if (r.count === 0) {
    const exists = await db.apiKey.findFirst({ where: { id: keyId, companyId: principal.companyId! }, select: { id: true } });
    if (!exists) throw new AppError("not_found", "No API key with this id");
  }
  return view(await db.apiKey.findUniqueOrThrow({ where: { id: keyId }, select: LIST }));
}

/**
 * Roll: a new key with the same name, scopes and mode, and the old one keeps working for the
 * grace period (0: revoked at once) so the integration can switch without an outage.
 */
export async function rollApiKey(principal: Principal, keyId: string, raw: unknown) {
  requirePermission(principal, "company:manage");
  const { graceSeconds } = rollApiKeySchema.parse(raw ?? {});
  const created = await db.$transaction(async (tx) => {
    const [old] = await tx.$queryRaw<{ id: string; name: string; scopes: string[]; mode: string; revokedAt: Date | null; expiresAt: Date | null }[]>`
      SELECT "id", "name", "scopes", "mode", "revokedAt", "expiresAt" FROM "ApiKey" WHERE "id" = ${keyId} AND "companyId" = ${principal.companyId!} FOR UPDATE`;
    if (!old) throw new AppError("not_found", "No API key with this id");
    if (old.revokedAt || old.expiresAt) throw new AppError("conflict", "This key is revoked or already rolled: roll its replacement instead");
    const fresh = await createApiKey(
      {
        companyId: principal.companyId!,
        userId: principal.userId,
        name: old.name,
        scopes: old.scopes as ApiScope[],
        mode: old.mode === "test" ? "test" : "live",
        rolledFromId: old.id,
      },
      tx,
    );
    const replaced = await tx.apiKey.update({
      where: { id: old.id },
      data: graceSeconds === 0 ? { revokedAt: new Date() } : { expiresAt: new Date(Date.now() + graceSeconds * 1000) },
      select: { prefix: true, revokedAt: true, expiresAt: true },
    });
    await recordAudit(tx, {
      actor: auditActor(principal),
      action: "api_key.rolled",
      entityType: "api_key",
      entityId: old.id,
      companyId: principal.companyId,
      before: { name: old.name, prefix: replaced.prefix, status: "active" },
      after: {
        name: old.name,
        prefix: replaced.prefix,
        status: replaced.revokedAt ? "revoked" : "expiring",
        expiresAt: replaced.expiresAt,
        replacedBy: { id: fresh.id, prefix: fresh.prefix },
      },
    });
    return fresh;
  }, TX_OPTIONS);
  const fresh = await db.apiKey.findUniqueOrThrow({ where: { id: created.id }, select: LIST });
  const old = await db.apiKey.findUniqueOrThrow({ where: { id: keyId }, select: LIST });
  return { ...view(fresh), key: created.key, replaced: view(old) };
}
