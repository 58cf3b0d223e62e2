import "server-only";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { db, TX_OPTIONS } from "../db/client";
import { AppError } from "../errors";
import { repriceAllProducts } from "./reprice-all-products";
import { auditView } from "./save-markup-rule";

/** Remove a rule and reprice: the products it priced fall to the next matching rule. */
export async function deleteMarkupRule(id: string, actor: AuditActor = "system") {
  await db.$transaction(async (tx) => {
    const [before] = await tx.markupRule.findMany({ where: { id } });
    const { count } = await tx.markupRule.deleteMany({ where: { id } });
    if (count === 0 || !before) throw new AppError("not_found", "Markup rule not found");
    await recordAudit(tx, { actor, action: "markup_rule.deleted", entityType: "markup_rule", entityId: id, before: auditView(before) });
  }, TX_OPTIONS);
  return { deleted: id, repriced: await repriceAllProducts() };
}
