"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch, qs, redirectToLogin } from "@/lib/web/api-client";
import type { Page, Product } from "@/lib/web/types";
import { CatalogFilters, type CatalogFilterState } from "./catalog-filters";
import { ProductRow } from "./product-row";
import { Alert, Card, EmptyState, btn, th } from "@/components/ui/ui";

const PAGE_SIZE = 50;

function addAll(set: Set<string>, values: string[]) {
  const next = new Set(set);
  values.forEach((v) => v && next.add(v));
  return next.size === set.size ? set : next;
}

/**
 * The catalog table. There is no facets endpoint, so the brand and grade
 * options are every value seen so far (the unfiltered first page shows most).
 */
export function Catalog() {
  const [filters, setFilters] = useState<CatalogFilterState>({ q: "", brand: "", grade: "", inStock: false });
  const [q, setQ] = useState(""); // the debounced search text actually queried
  const [result, setResult] = useState<{ key: string; rows: Product[]; cursor: string | null; error: string | null }>({
    key: "",
    rows: [],
    cursor: null,
    error: null,
  });
  const [moreLoading, setMoreLoading] = useState(false);
  const [brands, setBrands] = useState<Set<string>>(new Set());
  const [grades, setGrades] = useState<Set<string>>(new Set());
  const seq = useRef(0);

  useEffect(() => {
    const t = setTimeout(() => setQ(filters.q.trim()), 250);
    return () => clearTimeout(t);
  }, [filters.q]);

  // what is being asked for; the rows on screen belong to result.key
  const key = qs({ q, brand: filters.brand, grade: filters.grade, inStock: filters.inStock, limit: PAGE_SIZE });

  const load = useCallback(
    (after: string | null) => {
      const mine = ++seq.current; // a newer query wins over a slower older one
      const url = `/api/products${key}${after ? `&cursor=${encodeURIComponent(after)}` : ""}`;
      return apiFetch<Page<Product>>(url).then((res) => {
        if (mine !== seq.current) return;
        setMoreLoading(false);
        if (!res.ok) {
          if (res.status === 401) return redirectToLogin();
          setResult((r) => ({ ...r, key, error: res.error.message }));
          return;
        }
        const page = res.data.data;
        setResult((r) => ({ key, rows: after ? [...r.rows, ...page] : page, cursor: res.data.nextCursor, error: null }));
        setBrands((s) => addAll(s, page.map((p) => p.brand)));
        setGrades((s) => addAll(s, page.map((p) => p.grade)));
      });
    },
    [key],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  const { rows, cursor, error } = result;
  const loading = result.key !== key || moreLoading;
  const visible = rows;

  return (
    <Card>
      <CatalogFilters value={filters} brands={[...brands].sort()} grades={[...grades].sort()} onChange={setFilters} />
      {error ? (
        <div className="p-4">
          <Alert>{error}</Alert>
        </div>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="catalog-table">
          <thead className="bg-slate-50/80 text-left">
            <tr>
              <th className={th}>Product</th>
              <th className={th}>Grade</th>
              <th className={th}>Storage</th>
              <th className={th}>Color</th>
              <th className={`${th} text-right`}>Price</th>
              <th className={`${th} text-right`}>Stock</th>
              <th className={th}>Qty</th>
              <th className={th}>
                <span className="sr-only">Add</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((p) => (
              <ProductRow key={p.sku} product={p} />
            ))}
          </tbody>
        </table>
      </div>
      {!loading && !error && visible.length === 0 ? <EmptyState title="No products match">Try another search or filter.</EmptyState> : null}
      <div className="flex items-center justify-between border-t border-slate-100 px-4 py-2.5 text-xs text-slate-500">
        <span data-testid="catalog-count">
          {visible.length} product{visible.length === 1 ? "" : "s"} shown
        </span>
        {loading ? <span>Loading…</span> : null}
        {cursor && !loading ? (
          <button type="button" className={btn.secondary} data-testid="load-more" onClick={() => {
              setMoreLoading(true);
              void load(cursor);
            }}>
            Load more
          </button>
        ) : null}
      </div>
    </Card>
  );
}
