import "server-only";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";
import { db } from "../db/client";
import { formatCents, toCents } from "../money";
import { linesNow, type LineNow } from "../catalog/catalog-view";
import { readCompanyCatalog } from "../catalog/read-company-catalog";
import { listCompany } from "./list-lines";

export type SavedListSummaryDto = {
  id: string;
  name: string;
  source: string;
  lineCount: number;
  units: number;
  createdBy: { name: string };
  createdAt: string;
  updatedAt: string;
};
export type SavedListLineDto = { sku: string; quantity: number; maxUnitPrice: string | null; note: string | null } & LineNow;
export type SavedListDto = Omit<SavedListSummaryDto, "lineCount" | "units"> & {
  lines: SavedListLineDto[];
  /** What "Add to cart" takes: each line's available units at the company's price now. */
  orderable: { lines: number; units: number; subtotal: string };
};

/** GET /api/lists: the company's lists, every user's, most recently changed first (at most 200). */
export async function listLists(principal: Principal): Promise<{ data: SavedListSummaryDto[] }> {
  const companyId = listCompany(principal);
  const rows = await db.savedList.findMany({
    where: { companyId },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: 200,
    select: {
      id: true,
      name: true,
      source: true,
      createdAt: true,
      updatedAt: true,
      createdBy: { select: { name: true } },
      lines: { select: { quantity: true } },
    },
  });
  return {
    data: rows.map(({ lines, createdAt, updatedAt, ...r }) => ({
      ...r,
      lineCount: lines.length,
      units: lines.reduce((n, l) => n + l.quantity, 0),
      createdAt: createdAt.toISOString(),
      updatedAt: updatedAt.toISOString(),
    })),
  };
}

/**
 * GET /api/lists/{id}: the list with each line as it stands now for the company (price, what is
 * available, still sold), so the page can put the available lines into the cart. Another
 * company's list is not found, like a missing one.
 */
export async function getList(principal: Principal, id: string): Promise<SavedListDto> {
  const companyId = listCompany(principal);
  const list = await db.savedList.findFirst({
    where: { id, companyId },
    select: {
      id: true,
      name: true,
      source: true,
      createdAt: true,
      updatedAt: true,
      createdBy: { select: { name: true } },
      lines: { orderBy: { position: "asc" }, select: { sku: true, quantity: true, maxUnitPrice: true, note: true } },
    },
  });
  if (!list) throw new AppError("not_found", "No such list");
  const lines = list.lines.map((l) => ({ ...l, maxUnitPrice: l.maxUnitPrice === null ? null : formatCents(toCents(l.maxUnitPrice)) }));
  const { products, pricing } = await readCompanyCatalog(companyId, { skus: lines.map((l) => l.sku) });
  const now = linesNow(lines, products, pricing);
  const withNow = lines.map((l, i) => ({ ...l, ...now[i]! }));
  const orderable = withNow.filter((l) => (l.status === "available" || l.status === "partial") && l.available > 0);
  return {
    id: list.id,
    name: list.name,
    source: list.source,
    createdBy: list.createdBy,
    createdAt: list.createdAt.toISOString(),
    updatedAt: list.updatedAt.toISOString(),
    lines: withNow,
    orderable: {
      lines: orderable.length,
      units: orderable.reduce((n, l) => n + l.available, 0),
      subtotal: formatCents(orderable.reduce((c, l) => c + toCents(l.unitPrice!) * l.available, 0)),
    },
  };
}
