import "server-only";
import { SupplierError, type InventoryItem, type InventoryPage, type StockOnlyItem } from "../types";
import type { CjClient, CjProductQuery } from "./client";
import { CJ_CODES, isCjError } from "./errors";
import { toInventoryItem, toWarehouseStock, totalQuantity, type CjWarehouseStock } from "./map";
import type { CjProduct, CjVariant } from "./schemas";

/**
 * CJ's catalog as InventoryItems, one per variant (supplierSku = vid). listV2
 * lists products without variants, so each product on a page is read with
 * /product/query, and each variant's stock with stock/queryByVid (a variant
 * that does carry `inventories` in the product answer is taken from there).
 * The client paces the calls to the account's QPS.
 */
export type CjProductView = { pid: string; productSku: string | null; name: string | null; items: (InventoryItem & { warehouses: CjWarehouseStock[] })[] };

/** Our cursor is CJ's 1-based page number, as a string. */
function pageOf(cursor: string | null | undefined): number {
  if (!cursor) return 1;
  if (!/^\d{1,6}$/.test(cursor) || Number(cursor) < 1) {
    throw new SupplierError(`cj.listProducts: unknown cursor ${cursor.slice(0, 20)}`, "permanent", { code: "invalid_cursor" });
  }
  return Number(cursor);
}

export async function fetchInventoryPage(client: CjClient, cursor: string | null | undefined, pageSize: number): Promise<InventoryPage> {
  const page = pageOf(cursor);
  const list = await client.listProducts(page, pageSize);
  const listed = (list.content ?? []).flatMap((c) => c.productList ?? []);
  const items: InventoryItem[] = [];
  for (const p of listed) {
    const product = await readProduct(client, { pid: p.pid });
    // Delisted between the list and the read: it simply is not offered any more.
    if (product) items.push(...(await productItems(client, product)).map(stripWarehouses));
  }
  const size = list.pageSize || pageSize;
  const totalPages = list.totalPages ?? Math.ceil(list.totalRecords / Math.max(1, size));
  return { items, nextCursor: page < totalPages && listed.length > 0 ? String(page + 1) : null };
}

async function readProduct(client: CjClient, q: CjProductQuery): Promise<CjProduct | null> {
  try {
    return await client.queryProduct(q);
  } catch (err) {
    if (isCjError(err, CJ_CODES.PRODUCT_NOT_FOUND)) return null;
    throw err;
  }
}

async function variantStock(client: CjClient, v: CjVariant): Promise<CjWarehouseStock[]> {
  return toWarehouseStock(v.inventories ?? (await client.stockByVid(v.vid)));
}

export async function productItems(client: CjClient, product: CjProduct): Promise<CjProductView["items"]> {
  const out: CjProductView["items"] = [];
  for (const v of product.variants) {
    const warehouses = await variantStock(client, v);
    const quantity = warehouses.reduce((n, w) => n + w.quantity, 0);
    out.push({ ...toInventoryItem(v, quantity, product.productNameEn), warehouses });
  }
  return out;
}

function stripWarehouses({ warehouses: _w, ...item }: CjProductView["items"][number]): InventoryItem {
  return item;
}

const PID = /^(\d{10,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|CJ-PID-.+)$/i;

/**
 * A product for import, by pid, product SKU or variant SKU. A string that looks
 * like a pid is read as one; any other string is tried as a variant SKU (the
 * portal's SKU scheme), then as a product SKU.
 */
export async function getProduct(client: CjClient, ref: string | CjProductQuery): Promise<CjProductView> {
  const attempts: CjProductQuery[] = typeof ref !== "string" ? [ref] : PID.test(ref) ? [{ pid: ref }] : [{ variantSku: ref }, { productSku: ref }];
  for (const q of attempts) {
    let product: CjProduct | null;
    try {
      product = await readProduct(client, q);
    } catch (err) {
      if (isCjError(err, CJ_CODES.VARIANT_NOT_FOUND)) continue;
      throw err;
    }
    if (product)
      return { pid: product.pid, productSku: product.productSku ?? null, name: product.productNameEn ?? null, items: await productItems(client, product) };
  }
  throw new SupplierError(`cj.queryProduct: no CJ product for ${typeof ref === "string" ? ref : JSON.stringify(ref)}`, "permanent", {
    code: "product_not_found",
  });
}

export async function stockByVid(client: CjClient, vid: string): Promise<CjWarehouseStock[]> {
  return toWarehouseStock(await client.stockByVid(vid));
}

export async function stockBySku(client: CjClient, sku: string): Promise<CjWarehouseStock[]> {
  return toWarehouseStock(await client.stockBySku(sku));
}

/**
 * What to re-read: products by pid, and variants by variant SKU (both through
 * /product/query, which prices them); a variant known only by vid (STOCK) gets
 * its stock from stock/queryByVid, the only call that takes a vid.
 */
export type CjInventoryRefs = { pids: string[]; variantSkus: string[]; vids: string[] };

/**
 * Current state of what an inventory message named: whole items (price and
 * stock) for products and variant SKUs, read with /product/query; for a
 * variant known only by its vid, the stock from stock/queryByVid, applied to
 * the offer without touching its cost. Gone from CJ: skipped (the next full
 * sync retires it).
 */
export async function readInventory(client: CjClient, refs: CjInventoryRefs): Promise<{ items: InventoryItem[]; stockOnly: StockOnlyItem[] }> {
  const items = new Map<string, InventoryItem>();
  const queries: CjProductQuery[] = [...new Set(refs.pids)].map((pid) => ({ pid }));
  for (const variantSku of new Set(refs.variantSkus)) queries.push({ variantSku });
  for (const q of queries) {
    let product: CjProduct | null;
    try {
      product = await readProduct(client, q);
    } catch (err) {
      if (isCjError(err, CJ_CODES.VARIANT_NOT_FOUND)) continue;
      throw err;
    }
    if (product) for (const i of await productItems(client, product)) items.set(i.supplierSku, stripWarehouses(i));
  }
  const stockOnly: StockOnlyItem[] = [];
  for (const vid of new Set(refs.vids)) {
    if (items.has(vid)) continue;
    try {
      stockOnly.push({ supplierSku: vid, quantity: totalQuantity(await client.stockByVid(vid)) });
    } catch (err) {
      if (isCjError(err, CJ_CODES.VARIANT_NOT_FOUND)) continue;
      throw err;
    }
  }
  return { items: [...items.values()], stockOnly };
}
