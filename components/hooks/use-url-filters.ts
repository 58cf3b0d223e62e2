"use client";
import { useEffect, useState } from "react";

export type ListFilters = { status: string; q: string };

/**
 * Status and search for a list, mirrored into the address bar (replaceState,
 * no navigation) so a filtered view can be reloaded or shared. The search
 * text is debounced before it is queried.
 */
export function useUrlFilters(initial: ListFilters) {
  const [status, setStatus] = useState(initial.status);
  const [text, setText] = useState(initial.q);
  const [q, setQ] = useState(initial.q.trim());

  useEffect(() => {
    const t = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(t);
  }, [text]);

  useEffect(() => {
    const url = new URL(window.location.href);
    for (const [k, v] of Object.entries({ status, q })) {
      if (v) url.searchParams.set(k, v);
      else url.searchParams.delete(k);
    }
    url.searchParams.delete("denied");
    window.history.replaceState(window.history.state, "", url);
  }, [status, q]);

  return { status, setStatus, text, setText, q };
}
