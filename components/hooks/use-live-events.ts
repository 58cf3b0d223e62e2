"use client";
import { useEffect, useRef, useState } from "react";

type Options = {
  /**
   * Called when the stream comes back after a drop. The server resumes from
   * Last-Event-ID, but a refetch also covers events it no longer holds.
   */
  onReconnect?: () => void;
};

/**
 * Subscribes to one event type on /api/events for as long as the component
 * is mounted. EventSource reconnects (with Last-Event-ID) by itself, so this
 * only wires callbacks; they are kept in refs so a new callback each render
 * does not reopen the stream. `accept` checks a frame's shape before the
 * callback sees it. Returns whether the stream is open, for a "live" indicator.
 */
export function useLiveEvents<T>(type: string, accept: (data: unknown) => data is T, onEvent: (e: T) => void, opts: Options = {}): boolean {
  const onEventRef = useRef(onEvent);
  const acceptRef = useRef(accept);
  const onReconnectRef = useRef(opts.onReconnect);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    onEventRef.current = onEvent;
    acceptRef.current = accept;
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
    const handleEvent = (ev: MessageEvent<string>) => {
      try {
        const data: unknown = JSON.parse(ev.data);
        if (acceptRef.current(data)) onEventRef.current(data);
      } catch {
        // a malformed frame is not worth breaking the page for
      }
    };
    source.addEventListener("open", handleOpen);
    source.addEventListener("error", handleError);
    source.addEventListener(type, handleEvent as EventListener);
    return () => {
      source.removeEventListener(type, handleEvent as EventListener);
      source.close();
    };
  }, [type]);

  return connected;
}
