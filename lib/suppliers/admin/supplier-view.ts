import "server-only";
import { db } from "../../db/client";
import { decryptJson, decryptSecret } from "../../crypto/credentials";
import { env } from "../../env";
import type { SupplierOrderStatus } from "../../db/generated/enums";
import { breaker } from "../resilience/guard";
import { supplierKind } from "../registry";
import type { SupplierRow } from "../find-supplier";
import type { SupplierView } from "./types";

/** Orders still waiting on the supplier: the ones an outage holds up. */
const OPEN: SupplierOrderStatus[] = ["pending", "submitted", "accepted", "processing"];

/** Which credential fields hold a value; the values stay in this function. */
function credentialNames(sealed: string | null): { names: string[]; error: string | null } {
  if (!sealed) return { names: [], error: null };
  try {
    const c = decryptJson<Record<string, unknown>>(sealed);
    return {
      names: Object.keys(c)
        .filter((k) => typeof c[k] === "string" && c[k] !== "")
        .sort(),
      error: null,
    };
  } catch {
    return { names: [], error: "Stored credentials cannot be decrypted (was CREDENTIALS_KEY changed?): enter them again" };
  }
}

export function webhookSecretList(sealed: string | null): string[] {
  if (!sealed) return [];
  try {
    return decryptSecret(sealed)
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  } catch {
    return [];
  }
}

/** Rows → views, with the breaker, the last call and open orders fetched for all of them at once. */
export async function toSupplierViews(rows: SupplierRow[]): Promise<SupplierView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [circuits, lastCalls, open] = await Promise.all([
    Promise.all(ids.map((id) => breaker().status(id))),
    // One indexed lookup per supplier ([supplierId, createdAt]); there are a handful of suppliers.
    Promise.all(
      ids.map((id) =>
        db.supplierCall.findFirst({
          where: { supplierId: id },
          orderBy: { createdAt: "desc" },
          select: { createdAt: true, ok: true, operation: true, statusCode: true, error: true },
        }),
      ),
    ),
    db.supplierOrder.groupBy({ by: ["supplierId"], where: { supplierId: { in: ids }, status: { in: OPEN } }, _count: { _all: true } }),
  ]);
  const openBy = new Map(open.map((g) => [g.supplierId, g._count._all]));
  const now = Date.now();
  const appUrl = env().APP_URL.replace(/\/+$/, "");
  return rows.map((r, i) => {
    const creds = credentialNames(r.credentials);
    const secrets = webhookSecretList(r.webhookSecret);
    const c = circuits[i]!;
    const call = lastCalls[i];
    return {
      id: r.id,
      slug: r.slug,
      name: r.name,
      type: r.type,
      apiEndpoint: r.apiEndpoint,
      webhookEndpoint: supplierKind(r.type).webhook ? `${appUrl}/api/webhooks/${r.slug}` : null,
      rateLimitPerSec: r.rateLimitPerSec,
      timeoutMs: r.timeoutMs,
      active: r.active,
      failoverAfterSec: r.failoverAfterSec,
      syncStockMinutes: r.syncStockMinutes,
      syncCatalogMinutes: r.syncCatalogMinutes,
      credentialsSet: creds.names,
      credentialsError: creds.error,
      webhookSecretSet: secrets.length > 0,
      webhookSecretCount: secrets.length,
      circuit: { state: c.state, failures: c.failures, retryInMs: c.retryInMs, retryAt: c.state === "open" ? new Date(now + c.retryInMs).toISOString() : null },
      lastCall: call ? { at: call.createdAt.toISOString(), ok: call.ok, operation: call.operation, statusCode: call.statusCode, error: call.error } : null,
      openOrders: openBy.get(r.id) ?? 0,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}
