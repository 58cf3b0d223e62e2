import "server-only";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { db, Prisma, TX_OPTIONS } from "../db/client";
import { AppError } from "../errors";
import { repriceAllProducts } from "./reprice-all-products";
import { markupRuleSchema } from "./schemas";
import { serializeRule } from "./serialize-rule";

/**
 * Create (no id) or update a markup rule, then reprice the catalog so base
 * prices follow the rules at once (tier prices are computed on read).
 */
export async function saveMarkupRule(input: unknown, id?: string, actor: AuditActor = "system") {
  const data = markupRuleSchema.parse(input);
  const row = {
    ...data,
    value: data.value === null ? null : String(data.value),
    costTiers: data.costTiers === null ? Prisma.DbNull : (data.costTiers as Prisma.InputJsonValue),
  };
  const saved = await db.$transaction(async (tx) => {
    if (id) {
      const before = await tx.markupRule.findUnique({ where: { id } });
      if (!before) throw new AppError("not_found", "Markup rule not found");
      const after = await tx.markupRule.update({ where: { id }, data: row });
      await recordAudit(tx, {
        actor,
        action: "markup_rule.updated",
        entityType: "markup_rule",
        entityId: id,
        before: auditView(before),
        after: auditView(after),
      });
      return after;
    }
    const created = await tx.markupRule.create({ data: row });
    await recordAudit(tx, { actor, action: "markup_rule.created", entityType: "markup_rule", entityId: created.id, after: auditView(created) });
    return created;
  }, TX_OPTIONS);
  const repriced = await repriceAllProducts();
  return { rule: serializeRule(saved), repriced };
}

/** A rule as the audit log keeps it: its terms, without the timestamps. */
export function auditView(r: Parameters<typeof serializeRule>[0]) {
  const { id: _id, createdAt: _c, updatedAt: _u, ...terms } = serializeRule(r);
  return terms;
}
