"use client";
import { useEffect, useRef, useState } from "react";
import type { SyncProgressEvent } from "@/lib/catalog/sync/types";

/**
 * Subscribes to `sync.progress` on /api/events (staff only; the server drops
 * these for resellers) for as long as the component is mounted, like
 * useOrderEvents does for orders. Returns whether the stream is open.
 */
export function useSyncEvents(onEvent: (e: SyncProgressEvent) => void, opts: { onReconnect?: () => void } = {}): boolean {
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
    const handleProgress = (ev: MessageEvent<string>) => {
      try {
        const data = JSON.parse(ev.data) as SyncProgressEvent;
        if (data && typeof data.syncLogId === "string") onEventRef.current(data);
      } catch {
        // a malformed frame is not worth breaking the page for
      }
    };
    source.addEventListener("open", handleOpen);
    source.addEventListener("error", handleError);
    source.addEventListener("sync.progress", handleProgress as EventListener);
    return () => {
      source.removeEventListener("sync.progress", handleProgress as EventListener);
      source.close();
    };
  }, []);

  return connected;
}
