// PATCH /api/ops/pricing/rules/{id} – replace a rule; DELETE – remove it; both reprice the catalog (ops only)
import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/read-body";
import { withApi } from "@/lib/api/with-api";
import { auditActor } from "@/lib/audit/record-audit";
import { deleteMarkupRule } from "@/lib/pricing/delete-markup-rule";
import { saveMarkupRule } from "@/lib/pricing/save-markup-rule";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const PATCH = withApi<{ id: string }>(
  async ({ req, params, principal }) => {
    const { json } = await readJsonBody(req);
    return NextResponse.json(await saveMarkupRule(json, params.id, auditActor(principal)));
  },
  { staffOnly: true },
);

export const DELETE = withApi<{ id: string }>(async ({ params, principal }) => NextResponse.json(await deleteMarkupRule(params.id, auditActor(principal))), {
  staffOnly: true,
});

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["PATCH", "DELETE"]);
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT };
