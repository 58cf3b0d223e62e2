import type { PhoneXCatalogItem } from "../../../prisma/demo-data/phonex-catalog";
import { fail, json } from "./respond";

/**
 * GET /v1/inventory?supplier=&cursor=&limit= (docs/suppliers.md (PhoneX)): the catalog in
 * pages of at most 500, with an opaque cursor ("" starts at the top).
 */
export const MAX_PAGE = 500;

export function inventoryResponse(url: URL, ctx: { catalog: readonly PhoneXCatalogItem[]; suppliers: string[]; pageSize?: number }): Response {
  const { catalog, suppliers } = ctx;
  // the contract names the upstream supplier on every inventory call: without it, the call is malformed.
  const supplier = url.searchParams.get("supplier");
  if (!supplier) return fail(400, "bad_request", "supplier is required");
  if (!suppliers.includes(supplier)) return fail(422, "unknown_supplier", `Unknown supplier ${supplier}`);
  const limit = Number(url.searchParams.get("limit") || MAX_PAGE);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    return fail(422, "validation_failed", `limit must be an integer 1-${MAX_PAGE}`);
  }
  const offset = decodeCursor(url.searchParams.get("cursor") || "");
  if (offset === null || offset > catalog.length) return fail(400, "invalid_cursor", "Unknown cursor");
  // A server-side cap below the asked limit, as real APIs have, so paging gets exercised.
  const take = Math.min(limit, ctx.pageSize ?? MAX_PAGE);
  const items = catalog.slice(offset, offset + take).map((i) => ({ ...i }));
  const end = offset + items.length;
  return json(200, { items, next_cursor: end < catalog.length ? encodeCursor(end) : null });
}

function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString("base64url");
}

function decodeCursor(cursor: string): number | null {
  if (cursor === "") return 0;
  const m = /^o:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return m ? Number(m[1]) : null;
}
