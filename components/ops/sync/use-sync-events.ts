"use client";
import type { SyncProgressEvent } from "@/lib/catalog/sync/types";
import { useLiveEvents } from "@/components/hooks/use-live-events";

const isSyncProgress = (d: unknown): d is SyncProgressEvent => typeof (d as SyncProgressEvent | null)?.syncLogId === "string";

/** `sync.progress` events (staff only; the server drops them for resellers); returns whether the stream is open. */
export function useSyncEvents(onEvent: (e: SyncProgressEvent) => void, opts: { onReconnect?: () => void } = {}): boolean {
  return useLiveEvents("sync.progress", isSyncProgress, onEvent, opts);
}
