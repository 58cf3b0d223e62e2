import "server-only";
import { db } from "../db/client";
import { env } from "../env";
import { getQueue } from "../queue/connection";
import { jobs } from "../queue/jobs";

/**
 * Find open supplier orders that need a poll: every open order of a supplier
 * that sends no webhooks (WesellCellular) after POLL_EVERY_MS, and any other
 * open order that has been quiet for RECONCILE_AFTER_MS. Each gets one poll
 * job (the job id is per order and time bucket, so overlapping reconcilers
 * and several workers do not poll the same order twice).
 */
export async function reconcileOpenOrders(now = new Date()) {
  const e = env();
  const quietSince = new Date(now.getTime() - e.RECONCILE_AFTER_MS);
  const pollSince = new Date(now.getTime() - e.POLL_EVERY_MS);
  const open = ["submitted", "accepted", "processing", "shipped"] as const;
  // the contract may never say more than "Shipped": a shipped WesellCellular order is polled only as
  // often as a quiet one, and not at all 30 days after it was placed (Shipped is as final as the contract gets).
  const giveUpSince = new Date(now.getTime() - 30 * 24 * 3600 * 1000);
  const due = await db.supplierOrder.findMany({
    where: {
      status: { in: [...open] },
      OR: [
        { supplier: { type: "wesellcellular" }, status: { not: "shipped" }, OR: [{ syncedAt: null }, { syncedAt: { lt: pollSince } }] },
        { supplier: { type: "wesellcellular" }, status: "shipped", submittedAt: { gt: giveUpSince }, OR: [{ syncedAt: null }, { syncedAt: { lt: quietSince } }] },
        { supplier: { type: { not: "wesellcellular" } }, OR: [{ syncedAt: null }, { syncedAt: { lt: quietSince } }] },
      ],
    },
    orderBy: { syncedAt: "asc" },
    take: 500,
    select: { id: true },
  });
  if (due.length === 0) return 0;
  const bucket = Math.floor(now.getTime() / Math.min(e.POLL_EVERY_MS, e.RECONCILE_AFTER_MS));
  const def = jobs.pollSupplierOrder;
  await getQueue(def.queue).addBulk(
    due.map((so) => ({ name: def.name, data: def.payload.parse({ supplierOrderId: so.id }), opts: { jobId: `poll-${so.id}-${bucket}`, attempts: 3 } })),
  );
  return due.length;
}
