"use client";
import { inputClass } from "@/components/ui/ui";

export type CatalogFilterState = { q: string; brand: string; grade: string; inStock: boolean };

type Props = {
  value: CatalogFilterState;
  brands: string[];
  grades: string[];
  onChange: (next: CatalogFilterState) => void;
};

/** Search, brand, grade and stock filters; the parent debounces the search text. */
export function CatalogFilters({ value, brands, grades, onChange }: Props) {
  const selectClass = `${inputClass} w-auto min-w-32`;
  return (
    <div className="flex flex-wrap items-end gap-3 border-b border-slate-100 px-4 py-3">
      <div className="min-w-56 flex-1">
        <label htmlFor="catalog-q" className="mb-1 block text-[11px] font-medium uppercase tracking-wide text-slate-500">
          Search
        </label>
        <input
          id="catalog-q"
          type="search"
          data-testid="catalog-search"
          placeholder="Name, model, brand or SKU"
          value={value.q}
          onChange={(e) => onChange({ ...value, q: e.target.value })}
          className={inputClass}
        />
      </div>
      <div>
        <label htmlFor="catalog-brand" className="mb-1 block text-[11px] font-medium uppercase tracking-wide text-slate-500">
          Brand
        </label>
        <select
          id="catalog-brand"
          data-testid="catalog-brand"
          value={value.brand}
          onChange={(e) => onChange({ ...value, brand: e.target.value })}
          className={selectClass}
        >
          <option value="">All brands</option>
          {brands.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="catalog-grade" className="mb-1 block text-[11px] font-medium uppercase tracking-wide text-slate-500">
          Grade
        </label>
        <select
          id="catalog-grade"
          data-testid="catalog-grade"
          value={value.grade}
          onChange={(e) => onChange({ ...value, grade: e.target.value })}
          className={selectClass}
        >
          <option value="">All grades</option>
          {grades.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </div>
      <label className="flex h-[34px] items-center gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          data-testid="catalog-in-stock"
          checked={value.inStock}
          onChange={(e) => onChange({ ...value, inStock: e.target.checked })}
          className="size-4 rounded border-slate-300 accent-slate-900"
        />
        In stock only
      </label>
    </div>
  );
}
