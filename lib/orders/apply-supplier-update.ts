import "server-only";
import { db, TX_OPTIONS, type Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { dispatchOutbox, type OutboxRef } from "../queue/outbox";
import { publishOrderUpdated } from "../events/publish";
import { queueOrderEmailsInTx, queueOrderEmailsManyInTx, emailTypeForStatus } from "../notifications/queue-order-emails";
import type { OrderEmailType } from "../notifications/order-email-props";
import { aggregateStatus, skippedSteps, transition, type SupplierOrderStatus } from "./status-model";
import { log } from "../logger";

export type SupplierUpdate = {
  supplierOrderId: string;
  status?: SupplierOrderStatus;
  externalOrderId?: string | null;
  trackingNumber?: string | null;
  carrier?: string | null;
  trackingUrl?: string | null;
  reason?: string | null;
  lastError?: string | null;
  /** "webhook:phonex", "poll:phonex", "worker", "ops:<email>", "api" */
  source: string;
  message?: string;
  data?: Prisma.InputJsonValue;
};

export type ApplyResult = {
  orderId: string;
  applied: boolean;
  reason?: string;
  orderStatusChanged: boolean;
};

const SHIPPED = new Set<string>(["shipped", "delivered"]);

/** Lock the order row: every status change of one order is serialised. */
export async function lockOrder(tx: Tx, orderId: string) {
  await tx.$queryRaw`SELECT 1 FROM "Order" WHERE "id" = ${orderId} FOR UPDATE`;
}

/**
 * Apply what a supplier (or the worker, or ops) says about a supplier order,
 * through the status model: forward moves are applied, backward or late ones
 * are recorded on the timeline and ignored for status. The order's status is
 * recomputed from all its supplier orders; when it changes, the reseller's
 * emails are queued in the same transaction, and screens are told after commit.
 */
export async function applySupplierUpdate(update: SupplierUpdate, client?: Tx): Promise<ApplyResult> {
  const run = async (tx: Tx) => applySupplierUpdateInTx(tx, update);
  const { result, outboxIds, order } = client ? await run(client) : await db.$transaction(run, TX_OPTIONS);
  if (!client) await afterApplied([{ result, outboxIds, order }]);
  return result;
}

export type AppliedInTx = { result: ApplyResult; outboxIds: OutboxRef[]; order: OrderUpdated; changes?: StatusChange[] };
/** A status that moved (a supplier order's, or the order's when supplierOrderId is null): logged after the commit. */
type StatusChange = { number: string; orderId: string; supplierOrderId: string | null; from: string; to: string; source: string };
type OrderUpdated = { id: string; number: string; status: string; companyId: string; updatedAt: Date };

/** After the commit of one or more updates: queue their jobs, tell the screens (once per order). */
export async function afterApplied(applied: AppliedInTx[]) {
  for (const a of applied) for (const c of a.changes ?? []) log.info(c.supplierOrderId ? "status changed" : "order status changed", c);
  await dispatchOutbox(applied.flatMap((a) => a.outboxIds));
  const last = new Map<string, OrderUpdated>();
  for (const a of applied) if (a.result.applied || a.result.orderStatusChanged) last.set(a.order.id, a.order);
  for (const o of last.values()) await publishOrderUpdated(o);
}

/** The same, inside the caller's transaction (which must run afterApplied after its commit). */
export async function applySupplierUpdateInTx(tx: Tx, u: SupplierUpdate): Promise<AppliedInTx> {
  const [one] = await applySupplierUpdatesInTx(tx, [u]);
  return one!;
}

/** Several updates in one transaction, then what follows their commit. */
export async function applySupplierUpdates(updates: SupplierUpdate[]): Promise<ApplyResult[]> {
  if (updates.length === 0) return [];
  const applied = await db.$transaction((tx) => applySupplierUpdatesInTx(tx, updates), TX_OPTIONS);
  await afterApplied(applied);
  return applied.map((a) => a.result);
}

type SoRow = {
  id: string;
  orderId: string;
  status: SupplierOrderStatus;
  trackingNumber: string | null;
  carrier: string | null;
  trackingUrl: string | null;
  supplierOrderId: string | null;
  lastError: string | null;
  submittedAt: Date | null;
  syncedAt: Date | null;
};
type EventRow = {
  orderId: string;
  supplierOrderId: string | null;
  type: string;
  status: string | null;
  orderStatus: string | null;
  source: string;
  message: string | null;
  data: Prisma.InputJsonValue | null;
  createdAt: Date;
};

/**
 * Set-based: any number of updates (of one or many orders) in a fixed number
 * of statements. The orders are locked in id order (two batches never wait on
 * each other in a circle), their supplier orders read once, each update is
 * applied in memory in the order given, exactly as one at a time would
 * (status model, inferred steps, ignored late events, tracking notes, order
 * status recomputed after each), and then written: one UPDATE of the supplier
 * orders, one of the orders, one INSERT of the timeline, and the emails.
 */
export async function applySupplierUpdatesInTx(tx: Tx, updates: SupplierUpdate[]): Promise<AppliedInTx[]> {
  if (updates.length === 0) return [];
  const soIds = [...new Set(updates.map((u) => u.supplierOrderId))];
  const orders = await tx.$queryRaw<OrderUpdated[]>`
    SELECT o."id", o."number", o."status"::text AS "status", o."companyId", o."updatedAt" FROM "Order" o
    WHERE o."id" IN (SELECT so."orderId" FROM "SupplierOrder" so WHERE so."id" = ANY(${soIds}::text[]))
    ORDER BY o."id" FOR UPDATE`;
  // Read after the lock (a statement of its own, so it sees whatever the lock waited for).
  const sos = await tx.$queryRaw<SoRow[]>`
    SELECT "id", "orderId", "status"::text AS "status", "trackingNumber", "carrier", "trackingUrl", "supplierOrderId", "lastError", "submittedAt", "syncedAt"
    FROM "SupplierOrder" WHERE "orderId" = ANY(${orders.map((o) => o.id)}::text[]) ORDER BY "id"`;
  const soById = new Map(sos.map((so) => [so.id, { ...so }]));
  const orderById = new Map(orders.map((o) => [o.id, { ...o }]));
  const sosOfOrder = (orderId: string) => sos.filter((s) => s.orderId === orderId).map((s) => soById.get(s.id)!);

  const now = Date.now();
  const clock = new Map<string, number>(); // per order: timeline entries keep their order
  const at = (orderId: string) => {
    const k = clock.get(orderId) ?? 0;
    clock.set(orderId, k + 1);
    return new Date(now + k);
  };
  const events: EventRow[] = [];
  const changedSos = new Set<string>();
  const changedOrders = new Set<string>();
  const emails: { index: number; orderId: string; type: OrderEmailType; extra: { reason?: string | null; by?: string | null; shipmentOf?: string } }[] = [];
  const results: ApplyResult[] = [];
  const changes = updates.map(() => [] as StatusChange[]);

  updates.forEach((u, index) => {
    const so = soById.get(u.supplierOrderId);
    if (!so) throw new Error(`supplier order ${u.supplierOrderId} not found`);
    const before = { ...so };
    so.syncedAt = new Date(now);
    if (u.externalOrderId && !so.supplierOrderId) so.supplierOrderId = u.externalOrderId;
    const trackingChanged =
      (u.trackingNumber && u.trackingNumber !== before.trackingNumber) ||
      (u.carrier && u.carrier !== before.carrier) ||
      (u.trackingUrl && u.trackingUrl !== before.trackingUrl);
    if (u.trackingNumber) so.trackingNumber = u.trackingNumber;
    if (u.carrier) so.carrier = u.carrier;
    if (u.trackingUrl) so.trackingUrl = u.trackingUrl;
    if (u.lastError !== undefined) so.lastError = u.lastError;

    let applied = false;
    let reason: string | undefined;
    if (u.status) {
      const t = transition(before.status, u.status);
      if (t.apply) {
        applied = true;
        so.status = u.status;
        if (u.status === "submitted" || (before.status === "pending" && u.status !== "failed" && u.status !== "canceled")) so.submittedAt = new Date(now);
      } else {
        reason = t.reason;
      }
    }
    changedSos.add(so.id);

    const base = { orderId: so.orderId, supplierOrderId: so.id, orderStatus: null, source: u.source };
    if (applied) {
      // A later status that skipped steps (a missed or reordered webhook, a poll): the
      // timeline shows the steps it implies, marked as inferred.
      for (const status of skippedSteps(before.status, u.status!)) {
        events.push({
          ...base,
          type: "status_changed",
          status,
          message: `${status} (inferred: the supplier reported ${u.status} first)`,
          data: { inferred: true },
          createdAt: at(so.orderId),
        });
      }
      events.push({
        ...base,
        type: "status_changed",
        status: u.status!,
        message: u.message ?? (u.reason ? `Reason: ${u.reason}` : null),
        data: u.data ?? null,
        createdAt: at(so.orderId),
      });
    } else if (u.status && reason && reason !== "same") {
      events.push({
        ...base,
        type: "status_ignored",
        status: u.status,
        message: `Ignored ${u.status} (${reason}: order is ${before.status})`,
        data: u.data ?? null,
        createdAt: at(so.orderId),
      });
    } else if (trackingChanged) {
      events.push({
        ...base,
        type: "note",
        status: null,
        message: `Tracking updated: ${u.carrier ?? ""} ${u.trackingNumber ?? ""}`.trim(),
        data: null,
        createdAt: at(so.orderId),
      });
    }

    // This parcel has left (shipped, or reported delivered without a shipped step first).
    if (applied && SHIPPED.has(u.status!) && !SHIPPED.has(before.status))
      emails.push({ index, orderId: so.orderId, type: "order_shipped", extra: { shipmentOf: so.id } });

    // The order's status, recomputed from all its supplier orders.
    const order = orderById.get(so.orderId)!;
    const next = aggregateStatus(sosOfOrder(order.id).map((s) => s.status));
    const orderStatusChanged = next !== order.status;
    if (applied)
      changes[index]!.push({ number: order.number, orderId: order.id, supplierOrderId: so.id, from: before.status, to: u.status!, source: u.source });
    if (orderStatusChanged) {
      changes[index]!.push({ number: order.number, orderId: order.id, supplierOrderId: null, from: order.status, to: next, source: u.source });
      order.status = next;
      changedOrders.add(order.id);
      events.push({
        orderId: order.id,
        supplierOrderId: null,
        type: "order_status_changed",
        status: null,
        orderStatus: next,
        source: u.source,
        message: `Order is now ${next}`,
        data: null,
        createdAt: at(order.id),
      });
      const type = emailTypeForStatus(next);
      if (type) emails.push({ index, orderId: order.id, type, extra: { reason: u.reason ?? u.lastError ?? null, by: u.source } });
    }
    results.push({ orderId: so.orderId, applied, reason, orderStatusChanged });
  });

  const soRows = [...changedSos].map((id) => soById.get(id)!);
  await tx.$executeRaw`
    UPDATE "SupplierOrder" AS so SET
      "status" = v."status"::"SupplierOrderStatus", "supplierOrderId" = v."supplierOrderId", "trackingNumber" = v."trackingNumber",
      "carrier" = v."carrier", "trackingUrl" = v."trackingUrl", "lastError" = v."lastError", "submittedAt" = v."submittedAt",
      "syncedAt" = v."syncedAt", "updatedAt" = now()
    FROM jsonb_to_recordset(${JSON.stringify(soRows)}::jsonb) AS v("id" text, "status" text, "supplierOrderId" text, "trackingNumber" text,
      "carrier" text, "trackingUrl" text, "lastError" text, "submittedAt" timestamp(3), "syncedAt" timestamp(3))
    WHERE so."id" = v."id"`;
  if (changedOrders.size > 0) {
    const rows = [...changedOrders].map((id) => ({ id, status: orderById.get(id)!.status }));
    const written = await tx.$queryRaw<OrderUpdated[]>`
      UPDATE "Order" AS o SET "status" = v."status"::"OrderStatus", "updatedAt" = now()
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v("id" text, "status" text)
      WHERE o."id" = v."id"
      RETURNING o."id", o."number", o."status"::text AS "status", o."companyId", o."updatedAt"`;
    for (const o of written) orderById.set(o.id, o);
  }
  if (events.length > 0) {
    await tx.$executeRaw`
      INSERT INTO "OrderEvent" ("id", "orderId", "supplierOrderId", "type", "status", "orderStatus", "source", "message", "data", "createdAt")
      SELECT gen_random_uuid()::text, v."orderId", v."supplierOrderId", v."type", v."status"::"SupplierOrderStatus", v."orderStatus"::"OrderStatus",
        v."source", v."message", v."data", v."createdAt"
      FROM jsonb_to_recordset(${JSON.stringify(events)}::jsonb) AS v("orderId" text, "supplierOrderId" text, "type" text, "status" text,
        "orderStatus" text, "source" text, "message" text, "data" jsonb, "createdAt" timestamp(3))`;
  }
  // The reseller's emails, written after the rows they describe (their props read the new state).
  const refs = emails.length ? await queueOrderEmailsManyInTx(tx, emails) : [];
  const outbox = updates.map(() => [] as OutboxRef[]);
  emails.forEach((e, i) => outbox[e.index]!.push(...refs[i]!));
  return updates.map((u, i) => ({
    result: results[i]!,
    outboxIds: outbox[i]!,
    order: orderById.get(soById.get(u.supplierOrderId)!.orderId)!,
    changes: changes[i]!,
  }));
}

/** Recompute the order's status from its supplier orders; queue emails when it changes. */
export async function recomputeOrderStatus(tx: Tx, orderId: string, source: string, reason: string | null) {
  const current = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { id: true, number: true, status: true, companyId: true, updatedAt: true, supplierOrders: { select: { status: true } } },
  });
  const { supplierOrders, ...unchanged } = current;
  const next = aggregateStatus(supplierOrders.map((s) => s.status));
  if (next === current.status) {
    return { changed: false, outboxIds: [] as OutboxRef[], order: unchanged as OrderUpdated };
  }
  const order: OrderUpdated = await tx.order.update({
    where: { id: orderId },
    data: { status: next },
    select: { id: true, number: true, status: true, companyId: true, updatedAt: true },
  });
  await tx.orderEvent.create({
    data: { orderId, type: "order_status_changed", orderStatus: next, source, message: `Order is now ${next}` },
  });
  // Written in the caller's transaction (retry, reroute, cancel), which commits right after.
  log.info("order status changed", { number: order.number, orderId, supplierOrderId: null, from: current.status, to: next, source });
  const outboxIds: OutboxRef[] = [];
  const type = emailTypeForStatus(next);
  if (type) outboxIds.push(...(await queueOrderEmailsInTx(tx, orderId, type, { reason, by: source })));
  return { changed: true, outboxIds, order };
}
