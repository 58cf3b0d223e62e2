import "server-only";
import { Prisma, type Tx } from "../db/client";
import { formatCents } from "../money";
import { getSettings } from "../settings/settings";
import { loadMarkupRules } from "./load-markup-rules";
import { loadPriceStates, type LoadedPriceState } from "./load-price-states";
import { planPriceUpdate } from "./plan-price-update";
import type { MarkupRuleInput } from "./types";

export type RepriceOptions = {
  /** false: apply every move at once (ops changed the rules themselves). Default true. */
  gate?: boolean;
  /** Why, for the pending change ops review; default says which supplier cost moved. */
  reason?: string;
  /** Already loaded by the caller (a loop over many batches). */
  rules?: MarkupRuleInput[];
  tolerancePercent?: number;
};

/**
 * A reprice planned and ready to be written by ONE statement on the same
 * transaction, by whoever writes the product rows (lib/pricing's
 * repriceProducts, or lib/catalog/offers' afterOffersChanged together with
 * stock and visibility). That statement reads the tables "reprice_ids"
 * ("id": the products) and "reprice_state" (load-price-states.ts), starts
 * `WITH ${plan.ctes}` and has:
 *  - "reprice_apply"("id", "price", "cost", "old_price"): the base price
 *    (and the cost it comes from) each product takes now, written only where
 *    the price is still "old_price" (a concurrent reprice that got there
 *    first wins): join it as `a` and SET ${REPRICE_SET}, WHERE ${REPRICE_APPLIES};
 *  - "reprice_withdrawn" and "reprice_proposed": the PriceChange writes
 *    (stale proposals superseded, moves over the tolerance proposed or
 *    refreshed), done by the same statement; count their rows.
 * Each distinct price state was planned once, in memory, by planPriceUpdate.
 */
export type RepricePlan = { ctes: Prisma.Sql; states: number };

/** Price and cost of a Product row `p` from its joined "reprice_apply" row `a` (no row, or the price moved meanwhile: unchanged). */
export const REPRICE_APPLIES = Prisma.sql`(a."id" IS NOT NULL AND p."price" = a."old_price")`;
export const REPRICE_SET = Prisma.sql`
  "price" = CASE WHEN ${REPRICE_APPLIES} THEN a."price" ELSE p."price" END,
  "priceCost" = CASE WHEN ${REPRICE_APPLIES} THEN a."cost" ELSE p."priceCost" END`;

/**
 * Plan the base price of these products (the routed offer's cost through
 * the markup rules, big moves waiting for approval) on the transaction `tx`
 * (a bulkTransaction): their distinct price states read once, planPriceUpdate
 * once per state. Nothing is written but the transaction's temporary tables.
 */
export async function planReprice(tx: Tx, productIds: readonly string[], opts: RepriceOptions = {}): Promise<RepricePlan> {
  const [rules, tolerancePercent] = await Promise.all([
    opts.rules ?? loadMarkupRules(),
    opts.tolerancePercent ?? getSettings().then((s) => s.priceTolerancePercent),
  ]);
  const states = await loadPriceStates(tx, productIds);
  const apply: { key: string; price: string; cost: string }[] = [];
  const propose: { key: string; price: string; cost: string; reason: string }[] = [];
  const withdraw: string[] = [];
  for (const s of states) {
    const d = planPriceUpdate(s, rules, { tolerancePercent, gate: opts.gate ?? true });
    if (d.action === "apply") {
      apply.push({ key: s.key, price: formatCents(d.priceCents), cost: formatCents(d.costCents) });
      if (d.withdrawPending) withdraw.push(s.key);
    } else if (d.action === "propose") {
      propose.push({ key: s.key, price: formatCents(d.priceCents), cost: formatCents(d.costCents), reason: opts.reason ?? costReason(s, d.costCents) });
    } else if (d.action === "withdraw") withdraw.push(s.key);
  }
  const col = <T, K extends keyof T>(rows: T[], k: K) => rows.map((r) => r[k]);
  // A part with nothing to write reads no state.
  const none = Prisma.sql`SELECT 1 WHERE false`;
  const ctes = Prisma.sql`
    "reprice_apply" AS (
      ${
        apply.length
          ? Prisma.sql`
      SELECT s."id", d."price", d."cost", s."price" AS "old_price"
        FROM "reprice_state" s
        JOIN unnest(${col(apply, "key")}::text[], ${col(apply, "price")}::numeric[], ${col(apply, "cost")}::numeric[]) AS d("key", "price", "cost")
          ON d."key" = s."key"`
          : Prisma.sql`SELECT NULL::text AS "id", NULL::numeric AS "price", NULL::numeric AS "cost", NULL::numeric AS "old_price" WHERE false`
      }
    ),
    "reprice_withdrawn" AS (
      ${
        withdraw.length
          ? Prisma.sql`
      UPDATE "PriceChange" SET "status" = 'superseded', "pendingFor" = NULL, "decidedAt" = now(), "decidedBy" = 'system', "updatedAt" = now()
       WHERE "pendingFor" IN (SELECT s."id" FROM "reprice_state" s WHERE s."key" = ANY(${withdraw}::text[]))
      RETURNING 1`
          : none
      }
    ),
    "reprice_proposed" AS (
      ${
        propose.length
          ? Prisma.sql`
      -- One pending change per product (pendingFor is unique): a newer proposal replaces the old one's numbers.
      INSERT INTO "PriceChange" ("id", "productId", "oldPrice", "newPrice", "oldCost", "newCost", "reason", "status", "pendingFor", "createdAt", "updatedAt")
      SELECT gen_random_uuid()::text, s."id", s."price", d."price", s."priceCost", d."cost", d."reason", 'pending', s."id", now(), now()
        FROM "reprice_state" s
        JOIN unnest(${col(propose, "key")}::text[], ${col(propose, "price")}::numeric[], ${col(propose, "cost")}::numeric[], ${col(propose, "reason")}::text[])
          AS d("key", "price", "cost", "reason") ON d."key" = s."key"
      ON CONFLICT ("pendingFor") DO UPDATE
        SET "oldPrice" = EXCLUDED."oldPrice", "newPrice" = EXCLUDED."newPrice", "oldCost" = EXCLUDED."oldCost",
            "newCost" = EXCLUDED."newCost", "reason" = EXCLUDED."reason", "updatedAt" = now()
      RETURNING 1`
          : none
      }
    )`;
  return { ctes, states: states.length };
}

function costReason(s: LoadedPriceState, costCents: number): string {
  const from = s.priceCost ? `${s.priceCost} → ` : "";
  return `Supplier cost ${from}${formatCents(costCents)}${s.routedSupplier ? ` (${s.routedSupplier})` : ""}`;
}
