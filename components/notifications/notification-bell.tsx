"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { DateTime } from "@/components/ui/date-time";
import { useInbox, type InboxItem } from "./use-inbox";

/** The header's bell: the unread count, live, and the newest notifications in a panel. */
export function NotificationBell() {
  const { items, unread, markRead, markAllRead } = useInbox({ limit: 8 });
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const router = useRouter();

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  const follow = (n: InboxItem) => {
    if (!n.read) void markRead([n.id]);
    setOpen(false);
    if (n.url) router.push(n.url);
  };

  return (
    <div className="relative" ref={ref}>
      <button
        type="button"
        aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}
        aria-expanded={open}
        data-testid="notification-bell"
        className="relative grid size-8 place-items-center rounded-md text-slate-300 hover:bg-slate-800 hover:text-white"
        onClick={() => setOpen((o) => !o)}
      >
        <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-5">
          <path d="M10 2a6 6 0 0 0-6 6v2.59l-1.7 1.7A1 1 0 0 0 3 14h14a1 1 0 0 0 .7-1.71L16 10.59V8a6 6 0 0 0-6-6Zm0 16a3 3 0 0 1-2.83-2h5.66A3 3 0 0 1 10 18Z" />
        </svg>
        {unread > 0 ? (
          <span
            data-testid="notification-count"
            className="absolute -right-0.5 -top-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] font-semibold leading-4 text-white"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          role="dialog"
          aria-label="Notifications"
          data-testid="notification-panel"
          className="fixed inset-x-2 top-12 z-30 rounded-lg border border-slate-200 bg-white shadow-lg sm:absolute sm:inset-x-auto sm:right-0 sm:top-10 sm:w-80"
        >
          <div className="flex items-center justify-between border-b border-slate-100 px-3 py-2">
            <span className="text-[13px] font-semibold text-slate-800">Notifications</span>
            {unread > 0 ? (
              <button type="button" className="text-xs text-sky-700 hover:underline" data-testid="notifications-read-all" onClick={() => void markAllRead()}>
                Mark all read
              </button>
            ) : null}
          </div>
          {items.length === 0 ? (
            <p className="px-3 py-6 text-center text-sm text-slate-500">Nothing yet</p>
          ) : (
            <ul className="max-h-96 overflow-y-auto">
              {items.map((n) => (
                <li key={n.id}>
                  <button
                    type="button"
                    data-testid="notification-item"
                    data-read={n.read}
                    className={`block w-full border-b border-slate-50 px-3 py-2 text-left text-sm hover:bg-slate-50 ${n.read ? "text-slate-500" : "font-medium text-slate-900"}`}
                    onClick={() => follow(n)}
                  >
                    <span className="flex items-start gap-2">
                      {n.read ? null : (
                        <>
                          <span aria-hidden className="mt-1.5 size-2 shrink-0 rounded-full bg-sky-500" />
                          <span className="sr-only">Unread: </span>
                        </>
                      )}
                      <span className="min-w-0">
                        <span className="block break-words">{n.title}</span>
                        <span className="block text-[11px] font-normal text-slate-500">
                          <DateTime iso={n.createdAt} />
                        </span>
                      </span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="px-3 py-2 text-right">
            <Link href="/notifications" className="text-xs text-sky-700 hover:underline" data-testid="notifications-all" onClick={() => setOpen(false)}>
              All notifications and settings
            </Link>
          </div>
        </div>
      ) : null}
    </div>
  );
}
