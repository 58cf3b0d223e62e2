"use client";
import { useCallback, useEffect, useState } from "react";
import { qs } from "@/lib/web/api-client";
import type { Page, Product } from "@/lib/web/types";
import { usePagedList } from "@/components/hooks/use-paged-list";
import { PagedTable, type ColumnHeader } from "@/components/ui/paged-table";
import { Card, EmptyState } from "@/components/ui/ui";
import { CatalogFilters, type CatalogFilterState } from "./catalog-filters";
import { ProductRow } from "./product-row";

/** Headers only: each row is a <ProductRow>, which keeps its own quantity box. */
const columns: ColumnHeader[] = [
  { id: "product", header: "Product" },
  { id: "grade", header: "Grade" },
  { id: "storage", header: "Storage" },
  { id: "color", header: "Color" },
  { id: "price", header: "Price", align: "right" },
  { id: "stock", header: "Stock", align: "right" },
  { id: "qty", header: "Qty" },
  { id: "add", header: <span className="sr-only">Add</span> },
];

function addAll(set: Set<string>, values: string[]) {
  const next = new Set(set);
  values.forEach((v) => v && next.add(v));
  return next.size === set.size ? set : next;
}

/**
 * The catalog table. There is no facets endpoint, so the brand and grade
 * options are every value seen so far (the unfiltered first page shows most).
 * `productsPath`: staff acting for a company read the company's prices
 * (/api/ops/companies/{id}/products).
 */
export function Catalog({ productsPath = "/api/products" }: { productsPath?: string } = {}) {
  const [filters, setFilters] = useState<CatalogFilterState>({ q: "", brand: "", grade: "", inStock: false });
  const [q, setQ] = useState(""); // the debounced search text actually queried
  const [brands, setBrands] = useState<Set<string>>(new Set());
  const [grades, setGrades] = useState<Set<string>>(new Set());

  useEffect(() => {
    const t = setTimeout(() => setQ(filters.q.trim()), 250);
    return () => clearTimeout(t);
  }, [filters.q]);

  const url = useCallback(
    (cursor: string | null, limit: number) =>
      `${productsPath}${qs({ q, brand: filters.brand, grade: filters.grade, inStock: filters.inStock, limit, cursor })}`,
    [productsPath, q, filters.brand, filters.grade, filters.inStock],
  );
  const list = usePagedList<Product>(url, {
    onPage: (page: Page<Product>) => {
      setBrands((s) =>
        addAll(
          s,
          page.data.map((p) => p.brand),
        ),
      );
      setGrades((s) =>
        addAll(
          s,
          page.data.map((p) => p.grade),
        ),
      );
    },
  });
  const n = list.rows.length;

  return (
    <Card>
      <CatalogFilters value={filters} brands={[...brands].sort()} grades={[...grades].sort()} onChange={setFilters} />
      <PagedTable
        testId="catalog-table"
        cardsOnPhones
        columns={columns}
        rows={list.rows}
        rowKey={(p) => p.sku}
        renderRow={(p) => <ProductRow product={p} />}
        loading={list.loading}
        error={list.error}
        paging={{
          ...list.paging,
          summary: (
            <span data-testid="catalog-count">
              {n} product{n === 1 ? "" : "s"} shown
            </span>
          ),
        }}
        empty={<EmptyState title="No products match">Try another search or filter.</EmptyState>}
      />
    </Card>
  );
}
