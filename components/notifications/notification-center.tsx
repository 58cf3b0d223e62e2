"use client";
import Link from "next/link";
import { useState } from "react";
import { Alert, btn, Card, EmptyState } from "@/components/ui/ui";
import { DateTime } from "@/components/ui/date-time";
import { LiveIndicator } from "@/components/ui/live-indicator";
import { useInbox } from "./use-inbox";

/** Every notification of the signed-in user, newest first: filter unread, mark read, load more. */
export function NotificationCenter() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const { items, unread, nextCursor, error, loaded, connected, loadMore, markRead, markAllRead } = useInbox({ limit: 25, unreadOnly });
  return (
    <Card
      title={
        <span className="flex items-center gap-2">
          Inbox{" "}
          <span className="font-normal text-slate-500" data-testid="inbox-unread">
            {unread} unread
          </span>
          <LiveIndicator connected={connected} />
        </span>
      }
      actions={
        <span className="flex items-center gap-3">
          <label className="flex items-center gap-1.5 text-xs text-slate-600">
            <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} data-testid="inbox-unread-only" />
            Unread only
          </label>
          <button type="button" className={btn.secondary} disabled={unread === 0} onClick={() => void markAllRead()} data-testid="inbox-read-all">
            Mark all read
          </button>
        </span>
      }
    >
      {error ? (
        <div className="p-3">
          <Alert>{error}</Alert>
        </div>
      ) : null}
      {loaded && items.length === 0 ? (
        <EmptyState title={unreadOnly ? "Nothing unread" : "No notifications yet"}>Order updates and alerts show up here the moment they happen.</EmptyState>
      ) : (
        <ul data-testid="inbox">
          {items.map((n) => (
            <li key={n.id} data-testid="inbox-item" data-read={n.read} className="flex items-start gap-3 border-b border-slate-100 px-4 py-2.5 text-sm">
              <span aria-hidden className={`mt-1.5 size-2 shrink-0 rounded-full ${n.read ? "bg-transparent" : "bg-sky-500"}`} />
              <span className="min-w-0 flex-1">
                {n.url ? (
                  <Link
                    href={n.url}
                    className={`break-words hover:underline ${n.read ? "text-slate-600" : "font-medium text-slate-900"}`}
                    onClick={() => !n.read && void markRead([n.id])}
                  >
                    {n.title}
                  </Link>
                ) : (
                  <span className={n.read ? "text-slate-600" : "font-medium text-slate-900"}>{n.title}</span>
                )}
                <span className="block text-[11px] text-slate-500">
                  <DateTime iso={n.createdAt} />
                </span>
              </span>
              {n.read ? null : (
                <button type="button" className={btn.ghost} onClick={() => void markRead([n.id])} data-testid="inbox-mark-read">
                  Mark read
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {nextCursor ? (
        <div className="p-3 text-center">
          <button type="button" className={btn.secondary} onClick={() => void loadMore()}>
            Load more
          </button>
        </div>
      ) : null}
    </Card>
  );
}
