"use client";
import { useEffect, useState, useSyncExternalStore } from "react";

const subscribe = () => () => {};
/** false while server-rendering and hydrating, true after: avoids timezone hydration mismatches. */
function useIsClient() {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

function utc(iso: string) {
  return iso.replace("T", " ").slice(0, 16) + " UTC";
}

/** A timestamp in the viewer's local time (UTC on the server's first paint). */
export function DateTime({ iso, withSeconds = false }: { iso: string | null | undefined; withSeconds?: boolean }) {
  const client = useIsClient();
  if (!iso) return <span className="text-slate-500">—</span>;
  const d = new Date(iso);
  const text = client
    ? d.toLocaleString(undefined, {
        year: "numeric",
        month: "short",
        day: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        ...(withSeconds ? { second: "2-digit" } : {}),
      })
    : utc(iso);
  return (
    <time dateTime={iso} title={iso} className="tabular-nums">
      {text}
    </time>
  );
}

function ago(ms: number) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 45) return "just now";
  const m = Math.round(s / 60);
  if (m < 60) return `${m}m ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h}h ago`;
  return `${Math.round(h / 24)}d ago`;
}

/** "3m ago", re-rendered every 20 s so a board left open stays truthful. */
export function TimeAgo({ iso }: { iso: string | null | undefined }) {
  const client = useIsClient();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 20_000);
    return () => clearInterval(t);
  }, []);
  if (!iso) return <span className="text-slate-500">—</span>;
  return (
    <time dateTime={iso} title={iso} className="tabular-nums">
      {client ? ago(now - new Date(iso).getTime()) : utc(iso)}
    </time>
  );
}
