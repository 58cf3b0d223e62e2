import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db, TX_OPTIONS, type Tx } from "../db/client";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";
import { auditActor, recordAudit } from "../audit/record-audit";
import { dispatchOutbox, enqueueManyInTx, type OutboxRef } from "../queue/outbox";
import { replayableWhere, webhookFilterSchema, webhookWhere } from "./webhook-log-filters";

/** How long a replay call waits for the worker to say what the replay did (the rest is "queued"). */
const waitMs = z.number().int().min(0).max(10_000).default(3000);
export const replayOneBodySchema = z.object({ waitMs }).strict();
export const replayManyBodySchema = webhookFilterSchema
  .extend({
    /** At most this many events per call, newest first (as the log lists them). */
    limit: z.number().int().min(1).max(500).default(100),
    waitMs,
  })
  .strict();

/** Flagged or given-up events go through processing again from the start; applied and ignored ones do not change. */
const REOPEN = new Set(["unknown_order", "mismatch", "failed", "unknown_event"]);

export type ActionResult = { id: string; actionId: string; previousOutcome: string; outcome: string | null; message: string };

/**
 * Ops replay webhook events through the normal processing path: each gets a processing job
 * through the outbox (with the action it belongs to), a WebhookEventAction row (its history) and
 * an audit entry, in one transaction. An event already applied (or ignored as older) is not
 * touched: the normal path finds it processed and the worker records "duplicate: already
 * applied". A flagged or failed event is opened again (pending), so the path decides afresh.
 */
export async function replayEventsInTx(
  tx: Tx,
  principal: Principal,
  ids: string[],
): Promise<{ refs: OutboxRef[]; actions: { id: string; webhookEventId: string; previousOutcome: string }[] }> {
  if (ids.length === 0) return { refs: [], actions: [] };
  const rows = await tx.$queryRaw<{ id: string; outcome: string; orderId: string | null }[]>`
    SELECT "id", "outcome", "orderId" FROM "WebhookEvent"
     WHERE "id" = ANY(${ids}::text[]) AND "verified" AND "dedupeKey" IS NOT NULL AND "supplierId" IS NOT NULL
     ORDER BY "id" FOR UPDATE`;
  if (rows.length === 0) return { refs: [], actions: [] };
  const reopen = rows.filter((r) => REOPEN.has(r.outcome)).map((r) => r.id);
  await tx.$executeRaw`
    UPDATE "WebhookEvent" SET "replays" = "replays" + 1, "lastReplayAt" = now() AT TIME ZONE 'UTC', "lastReplayOutcome" = 'queued',
           "outcome" = CASE WHEN "id" = ANY(${reopen}::text[]) THEN 'pending' ELSE "outcome" END,
           "processedAt" = CASE WHEN "id" = ANY(${reopen}::text[]) THEN NULL ELSE "processedAt" END,
           "flagged" = CASE WHEN "id" = ANY(${reopen}::text[]) THEN false ELSE "flagged" END
     WHERE "id" = ANY(${rows.map((r) => r.id)}::text[])`;
  const actionIds = rows.map(() => randomUUID());
  const refs = await enqueueManyInTx(
    tx,
    rows.map((r, i) => ({ key: "processWebhook" as const, payload: { webhookEventId: r.id, actionId: actionIds[i]! } })),
  );
  const actions = rows.map((r, i) => ({
    id: actionIds[i]!,
    webhookEventId: r.id,
    kind: "replay",
    actorEmail: principal.email,
    previousOutcome: r.outcome,
    outboxId: refs[i]!.id,
  }));
  await tx.webhookEventAction.createMany({ data: actions });
  const companies = await companiesOf(tx, rows);
  for (const r of rows) {
    await recordAudit(tx, {
      actor: auditActor(principal),
      action: "webhook.replayed",
      entityType: "webhook_event",
      entityId: r.id,
      companyId: r.orderId ? (companies.get(r.orderId) ?? null) : null,
      before: { outcome: r.outcome },
      after: { outcome: REOPEN.has(r.outcome) ? "pending" : r.outcome, replay: actions.find((a) => a.webhookEventId === r.id)!.id },
    });
  }
  return { refs, actions };
}

async function companiesOf(tx: Tx, rows: { orderId: string | null }[]) {
  const ids = [...new Set(rows.map((r) => r.orderId).filter((x): x is string => !!x))];
  if (ids.length === 0) return new Map<string, string>();
  const orders = await tx.order.findMany({ where: { id: { in: ids } }, select: { id: true, companyId: true } });
  return new Map(orders.map((o) => [o.id, o.companyId]));
}

/** Wait (bounded) for the worker to record what these actions did; those not done yet say "queued". */
export async function awaitActions(actions: { id: string; webhookEventId: string; previousOutcome: string }[], ms: number): Promise<ActionResult[]> {
  const deadline = Date.now() + ms;
  const ids = actions.map((a) => a.id);
  for (;;) {
    const done = await db.webhookEventAction.findMany({
      where: { id: { in: ids }, finishedAt: { not: null } },
      select: { id: true, outcome: true, message: true },
    });
    if (done.length === ids.length || Date.now() >= deadline) {
      const byId = new Map(done.map((d) => [d.id, d]));
      return actions.map((a) => {
        const d = byId.get(a.id);
        return { id: a.webhookEventId, actionId: a.id, previousOutcome: a.previousOutcome, outcome: d?.outcome ?? null, message: d?.message ?? "queued" };
      });
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** POST /api/ops/webhooks/{id}/replay */
export async function replayWebhookEvent(principal: Principal, id: string, body: z.infer<typeof replayOneBodySchema>) {
  const ev = await db.webhookEvent.findUnique({ where: { id }, select: { id: true, verified: true, dedupeKey: true, supplierId: true, outcome: true } });
  if (!ev) throw new AppError("not_found", `No webhook event ${id}`);
  if (!ev.verified || !ev.dedupeKey || !ev.supplierId)
    throw new AppError(
      "conflict",
      ev.outcome === "duplicate"
        ? "This is the receipt of a duplicate: replay the event it duplicates"
        : "A rejected request has no stored body to replay (only verified events are replayed)",
    );
  const { refs, actions } = await db.$transaction((tx) => replayEventsInTx(tx, principal, [id]), TX_OPTIONS);
  await dispatchOutbox(refs);
  const [result] = await awaitActions(actions, body.waitMs);
  return result!;
}

/** POST /api/ops/webhooks/replay: the log's filters, newest first, at most `limit` events. */
export async function replayWebhookEvents(principal: Principal, body: z.infer<typeof replayManyBodySchema>) {
  const where = await webhookWhere(body);
  const found = await db.webhookEvent.findMany({
    where: { AND: [where, replayableWhere] },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: body.limit + 1,
    select: { id: true },
  });
  const ids = found.slice(0, body.limit).map((r) => r.id);
  const { refs, actions } = await db.$transaction((tx) => replayEventsInTx(tx, principal, ids), { ...TX_OPTIONS, timeout: 60_000 });
  await dispatchOutbox(refs);
  const results = await awaitActions(actions, body.waitMs);
  return {
    replayed: results.length,
    /** More events matched than one call replays: narrow the filters (e.g. `to` before the oldest replayed) for the rest. */
    more: found.length > body.limit,
    done: results.filter((r) => r.outcome !== null).length,
    duplicates: results.filter((r) => r.outcome === "duplicate").length,
    results,
  };
}
