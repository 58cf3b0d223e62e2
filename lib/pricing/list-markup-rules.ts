import "server-only";
import { db } from "../db/client";
import { SCOPE_RANK } from "./select-rule";
import { serializeRule } from "./serialize-rule";

/** Every rule, in the order they take precedence (most specific scope first, then priority). */
export async function listMarkupRules() {
  const rows = await db.markupRule.findMany({ orderBy: [{ priority: "asc" }, { createdAt: "asc" }] });
  return rows.sort((a, b) => SCOPE_RANK[b.scope] - SCOPE_RANK[a.scope]).map(serializeRule);
}
