import "server-only";
import { db } from "../db/client";
import { AppError } from "../errors";
import { repriceAllProducts } from "./reprice-all-products";

/** Remove a rule and reprice: the products it priced fall to the next matching rule. */
export async function deleteMarkupRule(id: string) {
  const { count } = await db.markupRule.deleteMany({ where: { id } });
  if (count === 0) throw new AppError("not_found", "Markup rule not found");
  return { deleted: id, repriced: await repriceAllProducts() };
}
