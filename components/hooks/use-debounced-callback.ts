"use client";
import { useEffect, useMemo, useRef } from "react";

/**
 * A stable function that runs `fn` once, `ms` after the last call. Live lists
 * use it so a burst of events (a bulk import, a split order) costs one refetch.
 */
export function useDebouncedCallback(fn: () => void, ms: number): () => void {
  const fnRef = useRef(fn);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    fnRef.current = fn;
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return useMemo(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => fnRef.current(), ms);
    },
    [ms],
  );
}
