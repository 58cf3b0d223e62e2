// GET /api/ops/pricing/rules – every markup rule; POST – create one and reprice the catalog (ops only)
import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/read-body";
import { withApi } from "@/lib/api/with-api";
import { auditActor } from "@/lib/audit/record-audit";
import { listMarkupRules } from "@/lib/pricing/list-markup-rules";
import { saveMarkupRule } from "@/lib/pricing/save-markup-rule";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi(async () => NextResponse.json({ data: await listMarkupRules() }), { staffOnly: true });

export const POST = withApi(
  async ({ req, principal }) => {
    const { json } = await readJsonBody(req);
    return NextResponse.json(await saveMarkupRule(json, undefined, auditActor(principal)), { status: 201 });
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET", "POST"]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
