"use client";
import { useEffect, useRef, useState } from "react";
import type { OrderUpdatedEvent } from "@/lib/web/types";

type Options = {
  /**
   * Called when the stream comes back after a drop. The server resumes from
   * Last-Event-ID, but a refetch also covers events it no longer holds.
   */
  onReconnect?: () => void;
};

/**
 * Subscribes to `order.updated` on /api/events for as long as the component
 * is mounted. EventSource reconnects (with Last-Event-ID) by itself, so this
 * only wires callbacks; they are kept in refs so a new callback each render
 * does not reopen the stream. Returns whether the stream is open, for a
 * "live" indicator.
 */
export function useOrderEvents(onEvent: (e: OrderUpdatedEvent) => void, opts: Options = {}): boolean {
  const onEventRef = useRef(onEvent);
  const onReconnectRef = useRef(opts.onReconnect);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    onEventRef.current = onEvent;
    onReconnectRef.current = opts.onReconnect;
  });

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource("/api/events", { withCredentials: true });
    let dropped = false;

    const handleOpen = () => {
      setConnected(true);
      if (dropped) onReconnectRef.current?.();
      dropped = false;
    };
    const handleError = () => {
      setConnected(false);
      dropped = true;
    };
    const handleUpdate = (ev: MessageEvent<string>) => {
      try {
        const data = JSON.parse(ev.data) as OrderUpdatedEvent;
        if (data && typeof data.orderId === "string") onEventRef.current(data);
      } catch {
        // a malformed frame is not worth breaking the page for
      }
    };

    source.addEventListener("open", handleOpen);
    source.addEventListener("error", handleError);
    source.addEventListener("order.updated", handleUpdate as EventListener);
    return () => {
      source.removeEventListener("order.updated", handleUpdate as EventListener);
      source.close();
    };
  }, []);

  return connected;
}
