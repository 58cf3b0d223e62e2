import { SupplierError, type InventoryItem, type InventoryPage } from "../../lib/suppliers/types";

/**
 * The supplier edge faked, and nothing else: an object with the adapter's
 * fetchInventory, paging an in-memory list by offset cursors. Tests and the
 * catalog-sync benchmark hand it to runSupplierSync. `options` may be changed
 * between calls (a test lets page 3 fail, then lets it through).
 */
export type FakeInventoryOptions = {
  pageSize?: number;
  /** This 1-based page throws a transient SupplierError. */
  failOnPage?: number;
  delayMs?: number;
  /** Called before each page is answered (e.g. to push an update mid-sync). */
  onPage?: (page: number) => void | Promise<void>;
};

export function fakeInventorySource(items: readonly InventoryItem[], options: FakeInventoryOptions = {}) {
  const asked: (string | null)[] = [];
  return {
    options,
    /** Cursors asked for, in order (null: the first page). */
    asked,
    async fetchInventory(cursor?: string | null): Promise<InventoryPage> {
      asked.push(cursor ?? null);
      const size = options.pageSize ?? 500;
      const offset = cursor ? Number(cursor) : 0;
      const page = Math.floor(offset / size) + 1;
      await options.onPage?.(page);
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (options.failOnPage === page) throw new SupplierError(`fake supplier: page ${page} failed`, "transient");
      const slice = items.slice(offset, offset + size);
      const end = offset + slice.length;
      return { items: slice, nextCursor: end < items.length ? String(end) : null };
    },
  };
}

/**
 * `n` synthetic phones. `version` shifts stock and cost for every item whose
 * index is a multiple of `changeEvery` (1: all, 100: 1 %, 0: none); the rest
 * stay at `baseVersion`. So (base 1, version 2, every 100) is "the catalog of
 * version 1 with 1 % changed".
 */
export function syntheticItems(n: number, opts: { prefix?: string; version?: number; changeEvery?: number; baseVersion?: number } = {}): InventoryItem[] {
  const prefix = opts.prefix ?? "SYN";
  const version = opts.version ?? 0;
  const every = opts.changeEvery ?? 1;
  const base = opts.baseVersion ?? 0;
  const out: InventoryItem[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const bump = every > 0 && i % every === 0 ? version : base;
    const sku = `${prefix}-${String(i).padStart(6, "0")}`;
    out[i] = {
      supplierSku: sku,
      sku,
      name: `Phone ${i} 128GB Black (A)`,
      brand: i % 2 ? "Apple" : "Samsung",
      model: `Model ${i % 500}`,
      storage: "128GB",
      color: "Black",
      grade: "A",
      quantity: ((i * 7 + bump) % 50) + 1,
      unitPrice: `${100 + (i % 400) + bump}.50`,
      currency: "USD",
    };
  }
  return out;
}
