"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "@/lib/web/api-client";
import { useDebouncedCallback } from "@/components/hooks/use-debounced-callback";
import { useLiveEvents } from "@/components/hooks/use-live-events";
import type { OfferDto } from "@/lib/offers/offer-dto";

const isOfferEvent = (d: unknown): d is { type: "offer.updated"; offerId: string } =>
  typeof d === "object" && d !== null && (d as { type?: unknown }).type === "offer.updated";

/** A list of offers from `url`, refetched live when any of them moves (offer.updated on /api/events). */
export function useOffers(url: string) {
  const [offers, setOffers] = useState<OfferDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const seq = useRef(0);
  const refetch = useCallback(() => {
    const mine = ++seq.current;
    return apiFetch<{ data: OfferDto[] }>(url).then((res) => {
      if (mine !== seq.current) return;
      if (res.ok) {
        setOffers(res.data.data);
        setError(null);
      } else setError(res.error.message);
      setLoaded(true);
    });
  }, [url]);
  const debounced = useDebouncedCallback(() => void refetch(), 150);
  const connected = useLiveEvents("offer.updated", isOfferEvent, debounced, { onReconnect: debounced });
  useEffect(() => {
    void refetch();
  }, [refetch]);
  return { offers, error, loaded, connected, refetch };
}
