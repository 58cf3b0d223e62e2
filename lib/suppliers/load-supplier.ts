import "server-only";
import { db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { decryptJson, decryptSecret } from "../crypto/credentials";
import { log } from "../logger";
import { coalesce, eachSettled } from "../coalesce";
import type { CallObserver, SupplierAdapter, SupplierConfig, SupplierKind } from "./types";
import { createAdapter } from "./registry";
import { guardObserver } from "./resilience/guard";

const TTL_MS = 15_000;
const cache = new Map<string, { at: number; config: SupplierConfig }>();

/** The supplier's configuration with its secrets decrypted (cached briefly per process). */
export async function loadSupplierConfig(where: { id: string } | { slug: string }): Promise<SupplierConfig> {
  const cacheKey = "id" in where ? `id:${where.id}` : `slug:${where.slug}`;
  const hit = cache.get(cacheKey);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.config;
  const s = await db.supplier.findUniqueOrThrow({ where });
  const config: SupplierConfig = {
    id: s.id,
    slug: s.slug,
    kind: s.type as SupplierKind,
    baseUrl: s.apiEndpoint,
    credentials: s.credentials ? decryptJson<Record<string, string>>(s.credentials) : {},
    webhookSecrets: s.webhookSecret
      ? decryptSecret(s.webhookSecret)
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean)
      : [],
    timeoutMs: s.timeoutMs,
    rateLimitPerSec: s.rateLimitPerSec,
    failoverAfterMs: s.failoverAfterSec * 1000,
  };
  cache.set(`id:${s.id}`, { at: Date.now(), config });
  cache.set(`slug:${s.slug}`, { at: Date.now(), config });
  return config;
}

export function clearSupplierCache() {
  cache.clear();
}

type CallRow = Prisma.SupplierCallCreateManyInput;

// Calls made at the same time (a busy worker forwarding many orders) are written in one INSERT.
const insertCalls = coalesce<CallRow, void>(
  async (rows) => {
    try {
      await db.supplierCall.createMany({ data: rows });
      return rows.map(() => ({ ok: true, value: undefined }));
    } catch {
      // One bad row (its supplier order deleted meanwhile) must not lose the others.
      return eachSettled(rows, async (row) => void (await db.supplierCall.create({ data: row })));
    }
  },
  { maxBatch: 500, maxInFlight: 2 },
);

/** Records every supplier call for the ops timeline and supplier health. */
export function callRecorder(supplierId: string, supplierOrderId?: string): CallObserver {
  return async (call) => {
    try {
      await insertCalls({
        supplierId,
        supplierOrderId: supplierOrderId ?? null,
        operation: call.operation,
        method: call.method,
        url: call.url,
        statusCode: call.statusCode,
        ok: call.ok,
        durationMs: Math.round(call.durationMs),
        error: call.error?.slice(0, 1000) ?? null,
      });
    } catch (err) {
      log.warn("could not record supplier call", { err });
    }
  };
}

export async function adapterFor(
  where: { id: string } | { slug: string },
  supplierOrderId?: string,
): Promise<{ adapter: SupplierAdapter; config: SupplierConfig }> {
  const config = await loadSupplierConfig(where);
  return { adapter: createAdapter(config, guardObserver(config, callRecorder(config.id, supplierOrderId))), config };
}
