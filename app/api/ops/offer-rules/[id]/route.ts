// PATCH /api/ops/offer-rules/{id} – change a rule; DELETE – remove it (ops only)
import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/read-body";
import { withApi } from "@/lib/api/with-api";
import { auditActor } from "@/lib/audit/record-audit";
import { deleteOfferRule, updateOfferRule } from "@/lib/offers/offer-terms";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const PATCH = withApi<{ id: string }>(
  async ({ req, params, principal }) => {
    const { json } = await readJsonBody(req);
    return NextResponse.json(await updateOfferRule(params.id, json, auditActor(principal)));
  },
  { staffOnly: true },
);

export const DELETE = withApi<{ id: string }>(
  async ({ params, principal }) => {
    await deleteOfferRule(params.id, auditActor(principal));
    return new NextResponse(null, { status: 204 });
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["PATCH", "DELETE"]);
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT };
