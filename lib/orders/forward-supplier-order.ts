import "server-only";
import { db } from "../db/client";
import { coalesce, type BatchResult } from "../coalesce";
import { log } from "../logger";
import { money } from "../money";
import { adapterFor } from "../suppliers/load-supplier";
import { breaker } from "../suppliers/resilience/guard";
import { isOrderNotFound, SupplierError, type Address, type CreateSupplierOrderInput } from "../suppliers/types";
import { applySupplierUpdate, applySupplierUpdates } from "./apply-supplier-update";
import { rejectAndReroute } from "./reroute-supplier-order";
import { queueOrderEmailsInTx } from "../notifications/queue-order-emails";
import { dispatchOutbox } from "../queue/outbox";

export type ForwardOutcome =
  | { result: "submitted"; supplierOrderId: string | null; forwarded?: { number: string; supplier: string } }
  | { result: "skipped"; reason: string }
  | { result: "failed"; reason: string }
  | { result: "retry"; error: SupplierError }
  | { result: "deferred"; delayMs: number };

/** What forwarding needs of each supplier order, read for a whole batch in one statement. */
type ForwardRow = {
  id: string;
  status: string;
  reference: string;
  cancelRequestedAt: Date | null;
  supplierId: string;
  attempts: number;
  createdAt: Date;
  order: { id: string; number: string; reference: string | null; shippingAddress: unknown; company: { customerId: string } };
  items: { sku: string; supplierSku: string | null; quantity: number; unitPrice: string; unitCost: string | null }[];
};

async function readForForward(ids: string[]): Promise<ForwardRow[]> {
  const rows = await db.$queryRaw<(Omit<ForwardRow, "order"> & { order: ForwardRow["order"] })[]>`
    SELECT so."id", so."status"::text AS "status", so."reference", so."cancelRequestedAt", so."supplierId", so."attempts", so."createdAt",
           json_build_object('id', o."id", 'number', o."number", 'reference', o."reference", 'shippingAddress', o."shippingAddress",
                             'company', json_build_object('customerId', c."customerId")) AS "order",
           COALESCE((SELECT json_agg(json_build_object('sku', i."sku", 'supplierSku', i."supplierSku", 'quantity', i."quantity",
                                                       'unitPrice', i."unitPrice"::text, 'unitCost', i."unitCost"::text) ORDER BY i."id")
                       FROM "OrderItem" i WHERE i."supplierOrderId" = so."id"), '[]'::json) AS "items"
      FROM "SupplierOrder" so JOIN "Order" o ON o."id" = so."orderId" JOIN "Company" c ON c."id" = o."companyId"
     WHERE so."id" = ANY(${ids}::text[])`;
  return rows;
}
type Attempt = { number: number; max: number };

/**
 * Send one supplier order to its supplier. Safe to run any number of times:
 * it does nothing unless the supplier order is still pending, and the
 * supplier receives our supplier-order id as its idempotency key, so a retry
 * after a crash mid-request gets the first answer back instead of creating a
 * second order.
 */
export async function forwardSupplierOrder(supplierOrderId: string, attempt: Attempt): Promise<ForwardOutcome> {
  const [r] = await forwardSupplierOrders([{ supplierOrderId, attempt }]);
  if (!r!.ok) throw r!.error;
  return logForwarded(supplierOrderId, r!.value);
}

/** "order forwarded", in the caller's log context (its job's request), not the batch's. */
function logForwarded(id: string, outcome: ForwardOutcome): ForwardOutcome {
  if (outcome.result === "submitted" && outcome.forwarded)
    log.info("order forwarded", {
      number: outcome.forwarded.number,
      supplierOrderId: id,
      supplier: outcome.forwarded.supplier,
      externalOrderId: outcome.supplierOrderId,
    });
  return outcome;
}

/**
 * The worker's way in: forwards that start at the same time go together
 * (lib/coalesce.ts), each still answered with its own outcome.
 */
export async function forwardCoalesced(item: { supplierOrderId: string; attempt: Attempt }): Promise<ForwardOutcome> {
  return logForwarded(item.supplierOrderId, await forwardBatched(item));
}

const forwardBatched = coalesce<{ supplierOrderId: string; attempt: Attempt }, ForwardOutcome>(forwardSupplierOrders, {
  maxBatch: 64,
  maxInFlight: 4,
});

/**
 * Several forwards in a few statements: the supplier orders read in one
 * query, each supplier's circuit asked once, the attempts counted in one
 * UPDATE, the supplier calls made concurrently, and every acknowledged one
 * applied in one transaction (applySupplierUpdatesInTx). Anything off the
 * common path (canceled, an open circuit, an error) takes the same steps as
 * ever, for that supplier order alone.
 */
export async function forwardSupplierOrders(items: { supplierOrderId: string; attempt: Attempt }[]): Promise<BatchResult<ForwardOutcome>[]> {
  const ids = [...new Set(items.map((i) => i.supplierOrderId))];
  const rows = await readForForward(ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: BatchResult<ForwardOutcome>[] = new Array(items.length);
  const settle = async (i: number, fn: () => Promise<ForwardOutcome>) => {
    try {
      out[i] = { ok: true, value: await fn() };
    } catch (error) {
      out[i] = { ok: false, error };
    }
  };

  const ready: { i: number; so: ForwardRow; attempt: Attempt }[] = [];
  const seen = new Set<string>();
  await Promise.all(
    items.map(async ({ supplierOrderId, attempt }, i) => {
      const so = byId.get(supplierOrderId);
      if (!so) return void (out[i] = { ok: true, value: { result: "skipped", reason: "supplier order not found" } });
      if (seen.has(so.id)) return void (out[i] = { ok: true, value: { result: "skipped", reason: "forwarded by another run of the same job" } });
      seen.add(so.id);
      if (so.status !== "pending") return void (out[i] = { ok: true, value: { result: "skipped", reason: `already ${so.status}` } });
      if (so.cancelRequestedAt && so.attempts > 0) {
        // An earlier attempt may have created it at the supplier: the cancel job asks the supplier (cancel-order.ts).
        return void (out[i] = { ok: true, value: { result: "skipped", reason: "cancellation asked; the supplier is asked to cancel" } });
      }
      if (so.cancelRequestedAt) {
        return settle(i, async () => {
          await applySupplierUpdate({ supplierOrderId: so.id, status: "canceled", source: "worker", message: "Canceled before it was forwarded" });
          return { result: "skipped", reason: "canceled before forwarding" };
        });
      }
      ready.push({ i, so, attempt });
    }),
  );

  // While the supplier's circuit is open, wait without spending an attempt (asked once per supplier).
  const circuits = new Map(await Promise.all([...new Set(ready.map((r) => r.so.supplierId))].map(async (id) => [id, await breaker().status(id)] as const)));
  const go: typeof ready = [];
  await Promise.all(
    ready.map(async (r) => {
      const circuit = circuits.get(r.so.supplierId)!;
      if (circuit.state !== "open") return void go.push(r);
      await settle(r.i, async () => {
        const moved = await failoverIfDue(r.so, `its circuit is open after repeated failures`);
        return moved ?? { result: "deferred", delayMs: circuit.retryInMs + Math.floor(Math.random() * 250) };
      });
    }),
  );
  if (go.length === 0) return out;

  try {
    await db.$executeRaw`UPDATE "SupplierOrder" SET "attempts" = "attempts" + 1, "updatedAt" = now() WHERE "id" = ANY(${go.map((g) => g.so.id)}::text[])`;
  } catch (error) {
    for (const g of go) out[g.i] = { ok: false, error };
    return out;
  }
  const calls = await Promise.all(
    go.map(async (g) => {
      const { adapter, config } = await adapterFor({ id: g.so.supplierId }, g.so.id);
      try {
        return { ...g, config, res: await adapter.createOrder(createInput(g.so)), err: null as unknown };
      } catch (err) {
        return { ...g, config, res: null, err };
      }
    }),
  );

  const acked = calls.filter((c) => c.res);
  if (acked.length > 0) {
    try {
      await applySupplierUpdates(
        acked.map(({ so, res, config, attempt }) => ({
          supplierOrderId: so.id,
          status: res!.status === "pending" ? "submitted" : res!.status,
          externalOrderId: res!.supplierOrderId,
          lastError: null,
          source: "worker",
          message: `Forwarded to ${config.slug}${res!.supplierOrderId ? ` as ${res!.supplierOrderId}` : ""} (attempt ${attempt.number})`,
          data: { externalId: res!.externalId ?? null },
        })),
      );
      for (const c of acked)
        out[c.i] = {
          ok: true,
          value: { result: "submitted", supplierOrderId: c.res!.supplierOrderId, forwarded: { number: c.so.order.number, supplier: c.config.slug } },
        };
    } catch (error) {
      // Not recorded: the job retries, and the supplier answers the same idempotency key with the same order.
      for (const c of acked) out[c.i] = { ok: false, error };
    }
  }
  await Promise.all(calls.filter((c) => !c.res).map((c) => settle(c.i, () => forwardFailed(c.so, c.err, c.attempt, c.config.slug))));
  return out;
}

function createInput(so: ForwardRow): CreateSupplierOrderInput {
  return {
    idempotencyKey: so.id,
    reference: so.reference,
    customerId: so.order.company.customerId,
    // Our cost at this supplier (the offer's, stored on the line when it was routed), never the reseller's price.
    items: so.items.map((i) => ({ sku: i.sku, supplierSku: i.supplierSku ?? i.sku, quantity: i.quantity, unitPrice: money(i.unitCost ?? i.unitPrice) })),
    shippingAddress: so.order.shippingAddress as Address,
    metadata: so.order.reference ? { reference: so.order.reference } : {},
  };
}

/** The create call failed: retry, wait, fail over, reroute or fail, by what the error says. */
async function forwardFailed(so: ForwardRow, err: unknown, attempt: Attempt, slug: string): Promise<ForwardOutcome> {
  const error = err instanceof SupplierError ? err : new SupplierError((err as Error)?.message ?? String(err), "transient");
  const notTaken = error.transient && (error.details.code === "rate_limited" || error.details.code === "circuit_open");
  // A call that may have reached the supplier: from now on, it is asked before the line may move.
  const mayExist = error.transient && !notTaken && error.details.code !== "unreachable";
  await db.supplierOrder.update({
    where: { id: so.id },
    data: { ...(notTaken ? { attempts: { decrement: 1 } } : {}), ...(mayExist ? { mayExistAt: new Date() } : {}) },
  });
  if (error.transient) {
    const moved = await failoverIfDue(so, error.message);
    if (moved) return moved;
  }
  if (notTaken) {
    // The supplier said "not now" (429, CJ 1600200) or we held back: it did not take the
    // order, so the wait spends none of its attempts.
    return { result: "deferred", delayMs: Math.max(250, error.details.retryAfterMs ?? 1000) + Math.floor(Math.random() * 250) };
  }
  if (error.transient) {
    // Retried with backoff; after the last attempt the job runner settles it (giveUpForwarding below).
    const last = attempt.number >= attempt.max;
    await db.$transaction([
      db.supplierOrder.update({ where: { id: so.id }, data: { lastError: error.message } }),
      db.orderEvent.create({
        data: {
          orderId: so.order.id,
          supplierOrderId: so.id,
          type: "forward_attempt",
          source: "worker",
          message: `Attempt ${attempt.number} of ${attempt.max} to ${slug} failed: ${error.message}${last ? "" : "; retrying"}`,
          data: { status: error.details.status ?? null, code: error.details.code ?? null },
        },
      }),
    ]);
    return { result: "retry", error };
  }
  // The supplier said no: try the next offer before giving up.
  const reason = `${slug} refused the order: ${error.message}`;
  const rerouted = await rejectAndReroute(so.id, reason, "worker");
  if (rerouted.rerouted) return { result: "skipped", reason: `rerouted to ${rerouted.to?.join(", ")}` };
  log.warn("forwarding failed", { supplierOrderId: so.id, reason });
  await applySupplierUpdate({ supplierOrderId: so.id, status: "failed", lastError: reason, reason, source: "worker", message: reason });
  return { result: "failed", reason };
}

/**
 * Forwarding ran out of attempts on transient errors (timeouts, 5xx, or the
 * worker running the last attempt died). The supplier may have created the
 * order anyway, so before the line may go to another supplier we ask this one
 * by our reference: if it has the order, it is submitted after all; only a
 * clear "no such order" lets it be rerouted. When the supplier cannot even be
 * asked, the supplier order is failed for ops to retry (the retry reuses the
 * idempotency key, so it can never buy the phones twice).
 */
export type GiveUpOutcome =
  | { result: "submitted"; supplierOrderId: string | null }
  | { result: "deferred"; delayMs: number; reason: string }
  | { result: "failed" | "rerouted" | "skipped"; reason: string };

export async function giveUpForwarding(supplierOrderId: string, lastError: string): Promise<GiveUpOutcome> {
  const so = await db.supplierOrder.findUnique({
    where: { id: supplierOrderId },
    select: { id: true, status: true, reference: true, supplierId: true, supplierOrderId: true, mayExistAt: true },
  });
  if (!so) return { result: "skipped", reason: "supplier order not found" };
  if (so.status !== "pending") return { result: "skipped", reason: `already ${so.status}` };
  const { adapter, config } = await adapterFor({ id: so.supplierId }, so.id);
  const reason = `Could not forward to ${config.slug}: ${lastError}`;
  if (!so.mayExistAt) {
    // No call ever reached the supplier (refused, unresolvable, circuit open): it cannot have the order.
    const rerouted = await rejectAndReroute(so.id, `${reason}; no request ever reached ${config.slug}`, "worker", { failover: true });
    if (rerouted.rerouted) return { result: "rerouted", reason: `moved to ${rerouted.to?.join(", ")}` };
    const why = `${reason}; no other offer fits`;
    await applySupplierUpdate({ supplierOrderId: so.id, status: "failed", lastError: why, reason: why, source: "worker", message: why });
    return { result: "failed", reason: why };
  }
  let readBack: string;
  try {
    const snap = await adapter.getOrder({ reference: so.reference, supplierOrderId: so.supplierOrderId });
    await applySupplierUpdate({
      supplierOrderId: so.id,
      status: snap.status === "pending" ? "submitted" : snap.status,
      externalOrderId: snap.supplierOrderId,
      trackingNumber: snap.trackingNumber,
      carrier: snap.carrier,
      trackingUrl: snap.trackingUrl,
      lastError: null,
      source: `poll:${config.slug}`,
      message: `${config.slug} has the order after all (read back by ${so.reference} after: ${reason})`,
    });
    return { result: "submitted", supplierOrderId: snap.supplierOrderId };
  } catch (err) {
    if (isOrderNotFound(err)) {
      const rerouted = await rejectAndReroute(so.id, `${reason}; ${config.slug} confirms it has no order ${so.reference}`, "worker");
      if (rerouted.rerouted) return { result: "rerouted", reason: `rerouted to ${rerouted.to?.join(", ")}` };
      readBack = `${config.slug} confirms it has no order ${so.reference}`;
    } else if (err instanceof SupplierError && err.details.code === "circuit_open") {
      // The supplier's circuit is open: ask it when it may be probed again, rather than not at all.
      return { result: "deferred", delayMs: (err.details.retryAfterMs ?? 1000) + Math.floor(Math.random() * 250), reason: err.message };
    } else {
      readBack = `not rerouted: ${config.slug} could not be asked whether it has the order (${(err as Error).message})`;
    }
  }
  const why = `${reason}; ${readBack}`;
  log.warn("forwarding failed", { supplierOrderId: so.id, reason: why });
  await applySupplierUpdate({ supplierOrderId: so.id, status: "failed", lastError: why, reason: why, source: "worker", message: why });
  return { result: "failed", reason: why };
}

/**
 * Failover: a line that has waited on an unreachable supplier longer
 * than that supplier's bound (Supplier.failoverAfterSec) moves to the next offer
 * that fits the reseller's price, without spending the rest of the retry budget.
 * If a create call may have reached the supplier, it is read back first: a line
 * the supplier may hold never moves (it could buy the phones twice). With no
 * other offer, the line keeps retrying and ops get one email.
 */
async function failoverIfDue(so: { id: string; supplierId: string; createdAt: Date; orderId?: string }, why: string): Promise<ForwardOutcome | null> {
  const { adapter, config } = await adapterFor({ id: so.supplierId }, so.id);
  const bound = config.failoverAfterMs ?? 30_000;
  if (Date.now() - so.createdAt.getTime() < bound) return null;
  const cur = await db.supplierOrder.findUniqueOrThrow({
    where: { id: so.id },
    select: { mayExistAt: true, reference: true, supplierOrderId: true, orderId: true, status: true },
  });
  if (cur.status !== "pending") return null;
  if (cur.mayExistAt) {
    try {
      const snap = await adapter.getOrder({ reference: cur.reference, supplierOrderId: cur.supplierOrderId });
      await applySupplierUpdate({
        supplierOrderId: so.id,
        status: snap.status === "pending" ? "submitted" : snap.status,
        externalOrderId: snap.supplierOrderId,
        trackingNumber: snap.trackingNumber,
        carrier: snap.carrier,
        trackingUrl: snap.trackingUrl,
        lastError: null,
        source: `poll:${config.slug}`,
        message: `${config.slug} has the order after all (read back by ${cur.reference})`,
      });
      return { result: "submitted", supplierOrderId: snap.supplierOrderId };
    } catch (err) {
      if (!isOrderNotFound(err)) {
        await stuckOnce(
          cur.orderId,
          so.id,
          `${config.slug} unreachable for over ${Math.round(bound / 1000)} s and may hold the order (${why}); still retrying`,
        );
        return null;
      }
    }
  }
  const moved = await rejectAndReroute(so.id, `${config.slug} unreachable for over ${Math.round(bound / 1000)} s (${why})`, "worker", { failover: true });
  if (moved.rerouted) return { result: "skipped", reason: `moved to ${moved.to?.join(", ")}` };
  await stuckOnce(cur.orderId, so.id, `${config.slug} unreachable for over ${Math.round(bound / 1000)} s and no other offer fits (${why}); still retrying`);
  return null;
}

/** One ops email per stuck supplier order (the notification key dedupes). */
async function stuckOnce(orderId: string, supplierOrderId: string, reason: string) {
  const refs = await db.$transaction((tx) => queueOrderEmailsInTx(tx, orderId, "order_failed", { reason, eventKey: `order_stuck:${supplierOrderId}` }));
  if (refs.length) log.warn("supplier order stuck past its failover bound", { supplierOrderId, reason });
  await dispatchOutbox(refs);
}
