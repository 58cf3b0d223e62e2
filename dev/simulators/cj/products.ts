import { CJ_WAREHOUSES, type CjSimProduct, type CjSimVariant, type CjWarehouseCode } from "../../../prisma/demo-data/cj-catalog";
import { fail, ok } from "./respond";

/**
 * The simulator's product endpoints: GET /product/listV2, /product/query,
 * /product/stock/queryByVid and queryBySku, over the catalog and its live
 * stock (which orders draw down). /product/query's variants carry no stock:
 * stock is what the stock endpoints are for.
 */
export type ProductsCtx = {
  catalog: readonly CjSimProduct[];
  stock: Map<string, Record<CjWarehouseCode, number>>;
  /** Server-side cap below the asked size, as real APIs have, to exercise paging. */
  pageSize?: number;
};

export const MAX_PAGE_SIZE = 100;

export function stockRows(ctx: ProductsCtx, v: CjSimVariant) {
  const stock = ctx.stock.get(v.vid) ?? v.stock;
  return (Object.keys(CJ_WAREHOUSES) as CjWarehouseCode[]).map((code) => ({
    vid: v.vid,
    areaId: CJ_WAREHOUSES[code].areaId,
    areaEn: CJ_WAREHOUSES[code].areaEn,
    countryCode: code,
    totalInventoryNum: stock[code],
    cjInventoryNum: stock[code],
    factoryInventoryNum: 0,
  }));
}

function variantView(v: CjSimVariant) {
  const { stock: _s, ...rest } = v;
  return { ...rest, variantName: v.variantNameEn, variantUnit: "unit" };
}

function productView(p: CjSimProduct) {
  const { variants, ...rest } = p;
  return { ...rest, productType: "ORDINARY_PRODUCT", variants: variants.map(variantView) };
}

export function findVariant(ctx: ProductsCtx, vid: string): CjSimVariant | undefined {
  for (const p of ctx.catalog) for (const v of p.variants) if (v.vid === vid) return v;
  return undefined;
}

export function listV2(ctx: ProductsCtx, url: URL): Response {
  const page = Number(url.searchParams.get("page") ?? "1");
  const size = Number(url.searchParams.get("size") ?? "20");
  if (!Number.isInteger(page) || page < 1) return fail(1600300, "Param error: page must be an integer ≥ 1");
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) return fail(1600300, `Param error: size must be 1-${MAX_PAGE_SIZE}`);
  const take = Math.min(size, ctx.pageSize ?? MAX_PAGE_SIZE);
  const slice = ctx.catalog.slice((page - 1) * take, page * take);
  return ok({
    pageSize: take,
    pageNumber: page,
    totalRecords: ctx.catalog.length,
    totalPages: Math.ceil(ctx.catalog.length / take),
    // listV2 rows name things differently from /product/query (id, nameEn, sku) and carry no variants.
    content: [{ productList: slice.map((p) => ({ id: p.pid, nameEn: p.productNameEn, sku: p.productSku, sellPrice: p.sellPrice })), keyWord: "" }],
  });
}

export function queryProduct(ctx: ProductsCtx, url: URL): Response {
  const pid = url.searchParams.get("pid");
  const productSku = url.searchParams.get("productSku");
  const variantSku = url.searchParams.get("variantSku");
  if (!pid && !productSku && !variantSku) return fail(1600300, "Param error: pid, productSku or variantSku is required");
  const product = ctx.catalog.find(
    (p) => (pid && p.pid === pid) || (productSku && p.productSku === productSku) || (variantSku && p.variants.some((v) => v.variantSku === variantSku)),
  );
  if (!product) return variantSku && !pid && !productSku ? fail(1602000, "Variant not found") : fail(1602001, "Product not found");
  return ok(productView(product));
}

export function stockByVid(ctx: ProductsCtx, url: URL): Response {
  const vid = url.searchParams.get("vid");
  if (!vid) return fail(1600300, "Param error: vid is required");
  const v = findVariant(ctx, vid);
  return v ? ok(stockRows(ctx, v)) : fail(1602000, "Variant not found");
}

/** A variant SKU gives its rows; a product SKU gives the rows of all its variants. */
export function stockBySku(ctx: ProductsCtx, url: URL): Response {
  const sku = url.searchParams.get("sku");
  if (!sku) return fail(1600300, "Param error: sku is required");
  for (const p of ctx.catalog) {
    if (p.productSku === sku) return ok(p.variants.flatMap((v) => stockRows(ctx, v)));
    const v = p.variants.find((x) => x.variantSku === sku);
    if (v) return ok(stockRows(ctx, v));
  }
  return fail(1602000, "Variant not found");
}
