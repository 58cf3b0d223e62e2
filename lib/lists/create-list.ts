import "server-only";
import { randomUUID } from "node:crypto";
import type { Principal } from "../auth/principal";
import { db } from "../db/client";
import { getList, type SavedListDto } from "./get-list";
import { lineRows, listCompany, productIdsBySku } from "./list-lines";
import type { CreateListInput } from "./schemas";

/** POST /api/lists: a list of the caller's company, from a cart, a spreadsheet review or an order. */
export async function createList(principal: Principal, input: CreateListInput): Promise<SavedListDto> {
  const companyId = listCompany(principal);
  const ids = await productIdsBySku(input.lines.map((l) => l.sku));
  const id = randomUUID();
  await db.savedList.create({
    data: { id, companyId, createdById: principal.userId, name: input.name, source: input.source, lines: { create: lineRows(input.lines, ids) } },
  });
  return getList(principal, id);
}
