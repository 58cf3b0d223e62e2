"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import type { OrderDto } from "@/lib/orders/order-dto";
import { useDebouncedCallback } from "@/components/hooks/use-debounced-callback";
import { useOrderEvents } from "./use-order-events";

/**
 * One order from `url`, kept current: refetched whenever an `order.updated`
 * event names it (and after the stream reconnects). `initial` is what the
 * server page already fetched; null means fetch now.
 */
export function useOrder<T extends OrderDto>(id: string, url: string, initial: T | null) {
  const [order, setOrder] = useState<T | null>(initial);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const seq = useRef(0);

  const refetch = useCallback(() => {
    const mine = ++seq.current;
    return apiFetch<T>(url).then((res) => {
      if (mine !== seq.current) return; // a newer fetch is on its way
      if (res.ok) {
        setOrder(res.data);
        setError(null);
        return;
      }
      if (res.status === 401) return redirectToLogin();
      if (res.status === 404) return setMissing(true);
      setError(res.error.message);
    });
  }, [url]);

  useEffect(() => {
    if (!initial) void refetch();
  }, [initial, refetch]);

  // a webhook often brings several events for one order in a burst
  const debounced = useDebouncedCallback(() => void refetch(), 100);
  const connected = useOrderEvents(
    (e) => {
      if (e.orderId === id) debounced();
    },
    { onReconnect: debounced },
  );

  return { order, error, missing, refetch, connected };
}
