import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../db/client";
import { formatCents } from "../money";
import { getSettings } from "../settings/settings";
import { loadMarkupRules } from "./load-markup-rules";
import { loadPriceStates, type LoadedPriceState } from "./load-price-states";
import { planPriceUpdate } from "./plan-price-update";
import type { MarkupRuleInput, RepriceResult } from "./types";

export type { RepriceResult };

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
 * Keep Product.price (the base, no-tier price) current: the routed offer's
 * cost through the markup rules. A move within the tolerance goes live; a
 * bigger one becomes a pending PriceChange and the price stays until ops
 * approve. Bulk: a few statements per call, whatever the number of products.
 */
export async function repriceProducts(productIds: string[], opts: RepriceOptions = {}): Promise<RepriceResult> {
  const result: RepriceResult = { applied: 0, changed: 0, proposed: 0, withdrawn: 0 };
  if (productIds.length === 0) return result;
  const [rules, tolerancePercent] = await Promise.all([
    opts.rules ?? loadMarkupRules(),
    opts.tolerancePercent ?? getSettings().then((s) => s.priceTolerancePercent),
  ]);
  const states = await loadPriceStates(productIds);

  const apply: { s: LoadedPriceState; priceCents: number; costCents: number }[] = [];
  const propose: { s: LoadedPriceState; priceCents: number; costCents: number }[] = [];
  const withdraw: string[] = [];
  for (const s of states) {
    const d = planPriceUpdate(s, rules, { tolerancePercent, gate: opts.gate ?? true });
    if (d.action === "apply") {
      apply.push({ s, priceCents: d.priceCents, costCents: d.costCents });
      if (d.withdrawPending) withdraw.push(s.productId);
    } else if (d.action === "propose") propose.push({ s, priceCents: d.priceCents, costCents: d.costCents });
    else if (d.action === "withdraw") withdraw.push(s.productId);
  }

  // Rows are written in product-id order, the order other bulk writers use, so two concurrent reprices cannot deadlock.
  const byId = (a: { s: LoadedPriceState }, b: { s: LoadedPriceState }) => (a.s.productId < b.s.productId ? -1 : 1);
  apply.sort(byId);
  propose.sort(byId);
  withdraw.sort();
  if (withdraw.length) {
    result.withdrawn = await db.$executeRaw`
      UPDATE "PriceChange" SET "status" = 'superseded', "pendingFor" = NULL, "decidedAt" = now(), "decidedBy" = 'system', "updatedAt" = now()
       WHERE "pendingFor" = ANY(${withdraw}::text[])`;
  }
  if (apply.length) {
    // Only where the price is still what we planned from: a concurrent reprice that got there first wins.
    // Each written row says whether its price moved (or only the cost it comes from), so ops hear how many prices changed.
    const written = await db.$queryRaw<{ moved: boolean }[]>`
      UPDATE "Product" p SET "price" = i.price, "priceCost" = i.cost, "updatedAt" = now()
        FROM unnest(${apply.map((a) => a.s.productId)}::text[], ${apply.map((a) => formatCents(a.priceCents))}::numeric[],
                    ${apply.map((a) => formatCents(a.costCents))}::numeric[], ${apply.map((a) => formatCents(a.s.priceCents))}::numeric[])
             AS i(id, price, cost, old_price)
       WHERE p."id" = i.id AND p."price" = i.old_price
      RETURNING (i.price <> i.old_price) AS moved`;
    result.applied = written.length;
    result.changed = written.filter((w) => w.moved).length;
  }
  if (propose.length) {
    // One pending change per product (pendingFor is unique): a newer proposal replaces the old one's numbers.
    result.proposed = await db.$executeRaw`
      INSERT INTO "PriceChange" ("id", "productId", "oldPrice", "newPrice", "oldCost", "newCost", "reason", "status", "pendingFor", "createdAt", "updatedAt")
      SELECT i.id, i.product_id, i.old_price, i.new_price, i.old_cost, i.new_cost, i.reason, 'pending', i.product_id, now(), now()
        FROM unnest(${propose.map(() => randomUUID())}::text[], ${propose.map((p) => p.s.productId)}::text[],
                    ${propose.map((p) => formatCents(p.s.priceCents))}::numeric[], ${propose.map((p) => formatCents(p.priceCents))}::numeric[],
                    ${propose.map((p) => p.s.priceCost)}::numeric[], ${propose.map((p) => formatCents(p.costCents))}::numeric[],
                    ${propose.map((p) => opts.reason ?? costReason(p.s, p.costCents))}::text[])
             AS i(id, product_id, old_price, new_price, old_cost, new_cost, reason)
      ON CONFLICT ("pendingFor") DO UPDATE
        SET "oldPrice" = EXCLUDED."oldPrice", "newPrice" = EXCLUDED."newPrice", "oldCost" = EXCLUDED."oldCost",
            "newCost" = EXCLUDED."newCost", "reason" = EXCLUDED."reason", "updatedAt" = now()`;
  }
  return result;
}

function costReason(s: LoadedPriceState, costCents: number): string {
  const from = s.priceCost ? `${s.priceCost} → ` : "";
  return `Supplier cost ${from}${formatCents(costCents)}${s.routedSupplier ? ` (${s.routedSupplier})` : ""}`;
}
