import "server-only";
import { AppError } from "../errors";
import type { Principal } from "../auth/principal";
import { db, TX_OPTIONS } from "../db/client";
import { getList, type SavedListDto } from "./get-list";
import { lineRows, listCompany, productIdsBySku } from "./list-lines";
import type { UpdateListInput } from "./schemas";

/** PATCH /api/lists/{id}: rename, and/or replace the lines (any owner or buyer of the company). */
export async function updateList(principal: Principal, id: string, input: UpdateListInput): Promise<SavedListDto> {
  const companyId = listCompany(principal);
  const ids = input.lines ? await productIdsBySku(input.lines.map((l) => l.sku)) : new Map<string, string>();
  const found = await db.$transaction(async (tx) => {
    const updated = await tx.savedList.updateMany({ where: { id, companyId }, data: { updatedAt: new Date(), ...(input.name ? { name: input.name } : {}) } });
    if (updated.count === 0) return false;
    if (input.lines) {
      await tx.savedListLine.deleteMany({ where: { listId: id } });
      await tx.savedListLine.createMany({ data: lineRows(input.lines, ids).map((l) => ({ ...l, listId: id })) });
    }
    return true;
  }, TX_OPTIONS);
  if (!found) throw new AppError("not_found", "No such list");
  return getList(principal, id);
}

/** DELETE /api/lists/{id}. */
export async function deleteList(principal: Principal, id: string): Promise<void> {
  const companyId = listCompany(principal);
  const { count } = await db.savedList.deleteMany({ where: { id, companyId } });
  if (count === 0) throw new AppError("not_found", "No such list");
}
