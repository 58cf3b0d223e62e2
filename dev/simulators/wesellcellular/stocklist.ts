import type { WscCatalogItem } from "../../../prisma/demo-data/wesellcellular-catalog";
import { fail, json } from "./respond";

/**
 * GET /stocklist/items?includeOutOfStock=&page=&pageSize= (docs/suppliers.md (WesellCellular)):
 * numbered pages from 1; a page past the end is empty, not an error. Only
 * the contract's three parameters: any other is a 400, as is includeOutOfStock other
 * than true/false. (Omitted ones take defaults.)
 */
const PARAMS = new Set(["includeOutOfStock", "page", "pageSize"]);

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

function positiveInt(raw: string | null, fallback: number): number | null {
  if (raw === null || raw === "") return fallback;
  return /^\d+$/.test(raw) && Number(raw) >= 1 ? Number(raw) : null;
}

export function stockListResponse(url: URL, catalog: readonly WscCatalogItem[]): Response {
  const q = url.searchParams;
  const unknown = [...q.keys()].find((k) => !PARAMS.has(k));
  if (unknown !== undefined) return fail(400, "unknown_parameter", `Unknown query parameter ${unknown.slice(0, 64)}`);
  const includeOutOfStock = q.get("includeOutOfStock");
  if (includeOutOfStock !== null && includeOutOfStock !== "true" && includeOutOfStock !== "false") {
    return fail(400, "invalid_include_out_of_stock", "includeOutOfStock must be true or false");
  }
  const page = positiveInt(q.get("page"), 1);
  const pageSize = positiveInt(q.get("pageSize"), DEFAULT_PAGE_SIZE);
  if (page === null) return fail(400, "invalid_page", "page must be an integer ≥ 1");
  if (pageSize === null || pageSize > MAX_PAGE_SIZE) return fail(400, "invalid_page_size", `pageSize must be an integer 1-${MAX_PAGE_SIZE}`);
  const includeOut = includeOutOfStock === "true";
  const listed = includeOut ? catalog : catalog.filter((i) => i.quantity > 0);
  const totalPages = Math.ceil(listed.length / pageSize);
  const items = listed.slice((page - 1) * pageSize, page * pageSize).map((i) => ({ ...i }));
  return json(200, { items, page, totalPages });
}
