"use client";
import type { OrderUpdatedEvent } from "@/lib/web/types";
import { useLiveEvents } from "@/components/hooks/use-live-events";

const isOrderUpdate = (d: unknown): d is OrderUpdatedEvent => typeof (d as OrderUpdatedEvent | null)?.orderId === "string";

/** `order.updated` events for the orders this user may see; returns whether the stream is open. */
export function useOrderEvents(onEvent: (e: OrderUpdatedEvent) => void, opts: { onReconnect?: () => void } = {}): boolean {
  return useLiveEvents("order.updated", isOrderUpdate, onEvent, opts);
}
