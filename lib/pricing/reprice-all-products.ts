import "server-only";
import { db } from "../db/client";
import { loadMarkupRules } from "./load-markup-rules";
import { repriceProducts, type RepriceResult } from "./reprice-products";

const BATCH = 5000;

/**
 * Reprice the whole catalog after ops changed the markup rules, in batches.
 * Without the approval gate: the rule change is ops' own decision, and a
 * pending change computed under the old rules is withdrawn or replaced.
 */
export async function repriceAllProducts(reason = "Markup rules changed"): Promise<RepriceResult> {
  const rules = await loadMarkupRules();
  const total: RepriceResult = { applied: 0, changed: 0, proposed: 0, withdrawn: 0 };
  let after = "";
  for (;;) {
    const ids = (await db.product.findMany({ where: { id: { gt: after } }, orderBy: { id: "asc" }, take: BATCH, select: { id: true } })).map((p) => p.id);
    if (ids.length === 0) break;
    const r = await repriceProducts(ids, { gate: false, rules, reason });
    total.applied += r.applied;
    total.changed += r.changed;
    total.proposed += r.proposed;
    total.withdrawn += r.withdrawn;
    after = ids[ids.length - 1]!;
  }
  return total;
}
