import "server-only";
import { db, TX_OPTIONS } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { env } from "../../env";
import { queueEmailInTx } from "../../notifications/queue-email";
import { staffRecipients } from "../../notifications/staff-recipients";
import { dispatchOutbox, type OutboxRef } from "../../queue/outbox";
import type { SyncKind } from "./types";

/**
 * A sync run ended in an error: its log row says so and ops are told (an email to each of
 * staffRecipients and, through the trigger on Notification, every staff user's inbox) in the same
 * transaction, once per outage: when the supplier's previous finished run of this kind succeeded
 * (or there was none). Keyed by the run, so a run that fails again when resumed tells ops once.
 */
export async function recordSyncFailed(input: { syncLogId: string; supplierName: string; kind: SyncKind; data: Prisma.SupplierSyncLogUpdateInput }) {
  const refs = await db.$transaction(async (tx) => {
    const row = await tx.supplierSyncLog.update({
      where: { id: input.syncLogId },
      data: input.data,
      select: { message: true, supplierId: true, type: true, startedAt: true },
    });
    const previous = await tx.supplierSyncLog.findFirst({
      where: { supplierId: row.supplierId, type: row.type, id: { not: input.syncLogId }, finishedAt: { not: null }, startedAt: { lt: row.startedAt } },
      orderBy: { startedAt: "desc" },
      select: { status: true, message: true },
    });
    // Still the same outage: ops were told when it began. (A superseded run is recorded as an error too, but it was no outage.)
    if (previous?.status === "error" && !previous.message?.startsWith("Superseded")) return [];
    const out: OutboxRef[] = [];
    for (const { email, userId } of await staffRecipients(tx)) {
      const ref = await queueEmailInTx(tx, {
        type: "sync_failed",
        email,
        userId,
        idempotencyKey: `sync:${input.syncLogId}:failed:${email}`,
        props: {
          appUrl: env().APP_URL,
          supplierName: input.supplierName,
          kind: input.kind,
          syncLogId: input.syncLogId,
          reason: row.message?.trim() || "no reason recorded",
        },
      });
      if (ref) out.push(ref);
    }
    return out;
  }, TX_OPTIONS);
  await dispatchOutbox(refs);
}
