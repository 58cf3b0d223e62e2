import "server-only";
import { redis } from "../redis";
import { log } from "../logger";
import { withTimeout } from "../timeout";
import type { SyncProgressEvent } from "../catalog/sync/types";

/**
 * Live updates fan out through a Redis stream: every app instance reads it,
 * so a change made by the worker or by another instance reaches every
 * screen, and a reconnecting browser resumes from its Last-Event-ID.
 */
export const EVENTS_STREAM = "portal:events";
const MAX_LEN = 20_000;

export type LiveEvent = OrderUpdatedLiveEvent | OfferUpdatedLiveEvent | SyncProgressEvent;

/** An offer moved (made, countered, answered, expired): both sides' screens refetch it. */
export type OfferUpdatedLiveEvent = { type: "offer.updated"; offerId: string; number: string; status: string; companyId: string; updatedAt: string };

export type OrderUpdatedLiveEvent = {
  type: "order.updated";
  orderId: string;
  number: string;
  status: string;
  companyId: string;
  updatedAt: string;
};

/** A live update never holds up the work that caused it: Redis gets this long, then it is skipped. */
const PUBLISH_WAIT_MS = 250;

export async function publishEvent(event: LiveEvent) {
  try {
    // While Redis is away, do not queue behind its reconnects (screens refetch when they reconnect).
    if (redis.status === "reconnecting" || redis.status === "end" || redis.status === "close") throw new Error(`Redis is ${redis.status}`);
    await withTimeout(
      redis.xadd(EVENTS_STREAM, "MAXLEN", "~", String(MAX_LEN), "*", "type", event.type, "data", JSON.stringify(event)),
      PUBLISH_WAIT_MS,
      `Redis did not answer within ${PUBLISH_WAIT_MS} ms`,
    );
  } catch (err) {
    // A lost live update is healed by the next refetch; never fail the caller's work for it.
    log.warn("live event publish failed", { err: (err as Error).message, type: event.type, orderId: "orderId" in event ? event.orderId : undefined });
  }
}

export function publishOrderUpdated(o: { id: string; number: string; status: string; companyId: string; updatedAt: Date }) {
  return publishEvent({
    type: "order.updated",
    orderId: o.id,
    number: o.number,
    status: o.status,
    companyId: o.companyId,
    updatedAt: o.updatedAt.toISOString(),
  });
}

export function publishOfferUpdated(o: { id: string; number: string; status: string; companyId: string; updatedAt: Date | string }) {
  return publishEvent({
    type: "offer.updated",
    offerId: o.id,
    number: o.number,
    status: o.status,
    companyId: o.companyId,
    updatedAt: typeof o.updatedAt === "string" ? o.updatedAt : o.updatedAt.toISOString(),
  });
}
