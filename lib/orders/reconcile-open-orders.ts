import "server-only";
import { db, type Prisma } from "../db/client";
import { env } from "../env";
import { getQueue } from "../queue/connection";
import { jobs } from "../queue/jobs";
import type { PollRate } from "../suppliers/kind-definition";
import { pollPolicies } from "../suppliers/registry";

/**
 * Find open supplier orders that need a poll, at the rate the supplier's kind
 * asks for (its definition's poll policy): "poll" after POLL_EVERY_MS (kinds
 * that send no webhooks, e.g. WesellCellular), "reconcile" after
 * RECONCILE_AFTER_MS of quiet (the safety net for missed webhooks); a shipped
 * order may stop being asked about some days after it was placed. Each gets
 * one poll job (the job id is per order and time bucket, so overlapping
 * reconcilers and several workers do not poll the same order twice).
 */
export async function reconcileOpenOrders(now = new Date()) {
  const e = env();
  const since: Record<PollRate, Date> = {
    reconcile: new Date(now.getTime() - e.RECONCILE_AFTER_MS),
    poll: new Date(now.getTime() - e.POLL_EVERY_MS),
  };
  const stale = (rate: PollRate) => [{ syncedAt: null }, { syncedAt: { lt: since[rate] } }];
  const open = ["submitted", "accepted", "processing", "shipped"] as const;
  const OR: Prisma.SupplierOrderWhereInput[] = pollPolicies().flatMap(({ kinds, policy }): Prisma.SupplierOrderWhereInput[] => {
    const supplier = { type: { in: kinds } };
    if (policy.open === policy.shipped && policy.shippedForDays === null) return [{ supplier, OR: stale(policy.open) }];
    const giveUpSince = policy.shippedForDays === null ? null : new Date(now.getTime() - policy.shippedForDays * 24 * 3600 * 1000);
    return [
      { supplier, status: { not: "shipped" }, OR: stale(policy.open) },
      { supplier, status: "shipped", ...(giveUpSince ? { submittedAt: { gt: giveUpSince } } : {}), OR: stale(policy.shipped) },
    ];
  });
  const due = await db.supplierOrder.findMany({
    where: { status: { in: [...open] }, OR },
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
