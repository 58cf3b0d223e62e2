"use client";
import { useEffect, useState } from "react";
import { apiFetch, qs } from "@/lib/web/api-client";
import type { Page, Product } from "@/lib/web/types";

/**
 * The cart's SKUs' stock now (the cart remembers what the catalog showed when they were added,
 * which may have fallen since): sku → stock, `null` when the catalog no longer offers the SKU.
 * A SKU missing from the map is not known yet (or its lookup failed): show what the cart has.
 * One catalog lookup per SKU, as the catalog's search finds it.
 */
export function useCurrentStock(skus: string[]): Record<string, number | null> {
  const [stock, setStock] = useState<Record<string, number | null>>({});
  const key = [...skus].sort().join(",");

  useEffect(() => {
    if (!key) return;
    const ctrl = new AbortController();
    void Promise.all(
      key.split(",").map(async (sku) => {
        const res = await apiFetch<Page<Product>>(`/api/products${qs({ q: sku, limit: 20 })}`, { signal: ctrl.signal });
        if (!res.ok) return null;
        const p = res.data.data.find((x) => x.sku === sku);
        return [sku, p && p.active ? p.stock : null] as const;
      }),
    )
      .then((found) => {
        if (ctrl.signal.aborted) return;
        setStock(Object.fromEntries(found.filter((f) => f !== null)));
      })
      // only an abort rejects (apiFetch turns every other failure into a result): the cart moved on
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [key]);

  return stock;
}
