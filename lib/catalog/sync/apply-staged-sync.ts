import "server-only";
import { db } from "../../db/client";
import { applyOfferChanges, type ApplyResult } from "../offers/apply-offer-changes";
import type { SyncKind } from "./types";

/** Long enough for a very large catalog on a slow disk; the apply is one statement per rule, not per row. */
const APPLY_TIMEOUT_MS = 5 * 60_000;
const ANALYZE_FROM_ROWS = 5_000;
/** The apply's statements hash and sort the whole feed: 100,000 staged rows need about 30 MB per join. */
const APPLY_WORK_MEM = "64MB";

/**
 * A run's staged feed applied in ONE transaction, together with the log's
 * counts and its move to "finishing": readers see the catalog before or
 * after the sync, never half of it, and a crash after commit is recognised
 * on resume (phase "finishing") and finished rather than applied twice.
 */
export async function applyStagedSync(input: {
  syncLogId: string;
  supplierId: string;
  kind: SyncKind;
  asOf: Date;
  failed: number;
  staged: number;
}): Promise<ApplyResult & { seen: number }> {
  // Fresh statistics for the rows just staged, so the planner hash-joins 100,000 of them instead of looping.
  // The staged keys are unique and the plans need little more than the row count: a 3,000-row sample
  // (statistics target 10, this ANALYZE only) tells them that in ~20 ms, where the default 30,000 took ~250.
  if (input.staged >= ANALYZE_FROM_ROWS)
    await db.$transaction([db.$executeRaw`SELECT set_config('default_statistics_target', '10', true)`, db.$executeRaw`ANALYZE "CatalogSyncStage"`]);
  const applied = await db.$transaction(
    async (tx) => {
      // Sorts and hashes over a whole feed stay in memory instead of spilling to disk (this transaction only).
      await tx.$executeRaw`SELECT set_config('work_mem', ${APPLY_WORK_MEM}, true)`;
      const r = await applyOfferChanges(tx, {
        supplierId: input.supplierId,
        mode: input.kind,
        asOf: input.asOf,
        source: { kind: "staged", syncLogId: input.syncLogId },
      });
      const [{ seen } = { seen: 0 }] = await tx.$queryRaw<{ seen: number }[]>`
        SELECT count(*)::int AS seen FROM "CatalogSyncStage" WHERE "syncLogId" = ${input.syncLogId}`;
      if (!r.superseded) {
        await tx.supplierSyncLog.update({
          where: { id: input.syncLogId },
          data: {
            phase: "finishing",
            seen,
            added: r.added,
            changed: r.changed,
            deactivated: r.deactivated,
            processed: seen,
            total: seen,
            message: summarise(input.kind, r, input.failed),
          },
        });
      }
      return { ...r, seen };
    },
    { maxWait: 10_000, timeout: APPLY_TIMEOUT_MS },
  );
  // A load that grew the catalog this much leaves the planner's picture of it stale (a first load: empty
  // tables), and afterOffersChanged joins over exactly those rows next.
  if (applied.added + applied.newProducts >= ANALYZE_FROM_ROWS) await db.$executeRaw`ANALYZE "Product", "SupplierOffer"`;
  return applied;
}

export function summarise(kind: SyncKind, r: ApplyResult, failed: number): string {
  const parts = [`${r.added} added`, `${r.changed} changed`, `${r.deactivated} ${kind === "catalog" ? "deactivated" : "zeroed"}`];
  if (r.newProducts) parts.push(`${r.newProducts} new products`);
  if (r.unmatched) parts.push(`${r.unmatched} unknown SKUs ${kind === "stock" ? "ignored (stock sync adds nothing)" : "not added"}`);
  if (r.newer) parts.push(`${r.newer} kept (newer pushed data)`);
  if (failed) parts.push(`${failed} invalid items skipped`);
  return parts.join(", ");
}
