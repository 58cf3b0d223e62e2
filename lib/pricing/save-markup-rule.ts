import "server-only";
import { db, Prisma } from "../db/client";
import { AppError } from "../errors";
import { repriceAllProducts } from "./reprice-all-products";
import { markupRuleSchema } from "./schemas";
import { serializeRule } from "./serialize-rule";

/**
 * Create (no id) or update a markup rule, then reprice the catalog so base
 * prices follow the rules at once (tier prices are computed on read).
 */
export async function saveMarkupRule(input: unknown, id?: string) {
  const data = markupRuleSchema.parse(input);
  const row = {
    ...data,
    value: data.value === null ? null : String(data.value),
    costTiers: data.costTiers === null ? Prisma.DbNull : (data.costTiers as Prisma.InputJsonValue),
  };
  let saved;
  if (id) {
    const exists = await db.markupRule.findUnique({ where: { id }, select: { id: true } });
    if (!exists) throw new AppError("not_found", "Markup rule not found");
    saved = await db.markupRule.update({ where: { id }, data: row });
  } else {
    saved = await db.markupRule.create({ data: row });
  }
  const repriced = await repriceAllProducts();
  return { rule: serializeRule(saved), repriced };
}
