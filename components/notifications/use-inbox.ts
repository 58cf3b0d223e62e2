"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch, qs } from "@/lib/web/api-client";
import { useDebouncedCallback } from "@/components/hooks/use-debounced-callback";
import { useLiveEvents } from "@/components/hooks/use-live-events";
import type { InboxItemDto } from "@/lib/notifications/inbox";

/** As GET /api/account/notifications answers it (lib/notifications/inbox.ts). */
export type InboxItem = InboxItemDto;
type Page = { data: InboxItem[]; unreadCount: number; nextCursor: string | null };

const isCreated = (d: unknown): d is { type: "notification.created"; id: string } =>
  typeof d === "object" && d !== null && (d as { type?: unknown }).type === "notification.created" && typeof (d as { id?: unknown }).id === "string";

/** Marking read in one view (the page) tells the others on the page (the bell) to refetch. */
const CHANGED = "portal:inbox-changed";
let nextId = 0;
const announce = (from: number) => window.dispatchEvent(new CustomEvent(CHANGED, { detail: { from } }));

/**
 * The signed-in user's notifications: the newest page and the unread count, refetched when the
 * event stream says a new one arrived (debounced: a burst is one fetch), when the stream comes back
 * after a drop, and when the tab becomes visible again (another tab may have read them).
 */
export function useInbox(opts: { limit?: number; unreadOnly?: boolean } = {}) {
  const { limit = 8, unreadOnly = false } = opts;
  const [items, setItems] = useState<InboxItem[]>([]);
  const [unread, setUnread] = useState(0);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [id] = useState(() => ++nextId);

  const seq = useRef(0);
  // A newer fetch wins: an answer that arrives after a later one is dropped.
  const refetch = useCallback(() => {
    const mine = ++seq.current;
    return apiFetch<Page>(`/api/account/notifications${qs({ limit, unread: unreadOnly || undefined })}`).then((res) => {
      if (mine !== seq.current) return;
      if (res.ok) {
        setItems(res.data.data);
        setUnread(res.data.unreadCount);
        setNextCursor(res.data.nextCursor);
        setError(null);
      } else if (res.status !== 401) setError(res.error.message);
      setLoaded(true);
    });
  }, [limit, unreadOnly]);

  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    const res = await apiFetch<Page>(`/api/account/notifications${qs({ limit, unread: unreadOnly || undefined, cursor: nextCursor })}`);
    if (res.ok) {
      setItems((cur) => [...cur, ...res.data.data.filter((n) => !cur.some((c) => c.id === n.id))]);
      setUnread(res.data.unreadCount);
      setNextCursor(res.data.nextCursor);
    } else setError(res.error.message);
  }, [limit, unreadOnly, nextCursor]);

  const debounced = useDebouncedCallback(() => void refetch(), 150);
  const connected = useLiveEvents("notification.created", isCreated, debounced, { onReconnect: debounced });

  useEffect(() => {
    void refetch();
    const onVisible = () => document.visibilityState === "visible" && void refetch();
    const onChanged = (e: Event) => (e as CustomEvent<{ from: number }>).detail.from !== id && void refetch();
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener(CHANGED, onChanged);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener(CHANGED, onChanged);
    };
  }, [refetch, id]);

  const markRead = useCallback(
    async (ids: string[]) => {
      const res = await apiFetch<{ unreadCount: number }>("/api/account/notifications/read", { method: "POST", body: JSON.stringify({ ids }) });
      if (res.ok) {
        const at = new Date().toISOString();
        setItems((cur) => cur.map((n) => (ids.includes(n.id) && !n.read ? { ...n, read: true, readAt: at } : n)));
        setUnread(res.data.unreadCount);
        announce(id);
      } else setError(res.error.message);
    },
    [id],
  );

  const markAllRead = useCallback(async () => {
    const res = await apiFetch<{ unreadCount: number }>("/api/account/notifications/read-all", { method: "POST" });
    if (res.ok) {
      const at = new Date().toISOString();
      setItems((cur) => cur.map((n) => (n.read ? n : { ...n, read: true, readAt: at })));
      setUnread(0);
      announce(id);
    } else setError(res.error.message);
  }, [id]);

  return { items, unread, nextCursor, error, loaded, connected, refetch, loadMore, markRead, markAllRead };
}
