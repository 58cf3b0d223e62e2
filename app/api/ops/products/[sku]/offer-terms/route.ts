// PATCH /api/ops/products/{sku}/offer-terms { floor?, autoAccept? } – a product's offer floor and auto-accept price (ops only)
import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/read-body";
import { withApi } from "@/lib/api/with-api";
import { auditActor } from "@/lib/audit/record-audit";
import { setOfferTerms } from "@/lib/offers/offer-terms";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const PATCH = withApi<{ sku: string }>(
  async ({ req, params, principal }) => {
    const { json } = await readJsonBody(req);
    return NextResponse.json(await setOfferTerms(params.sku, json, auditActor(principal)));
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["PATCH"]);
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
