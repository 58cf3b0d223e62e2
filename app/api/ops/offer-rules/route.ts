// GET /api/ops/offer-rules – the offer rules; POST – a new rule (ops only)
import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/read-body";
import { withApi } from "@/lib/api/with-api";
import { auditActor } from "@/lib/audit/record-audit";
import { createOfferRule, listOfferRules } from "@/lib/offers/offer-terms";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi(async () => NextResponse.json(await listOfferRules()), { staffOnly: true });

export const POST = withApi(
  async ({ req, principal }) => {
    const { json } = await readJsonBody(req);
    return NextResponse.json(await createOfferRule(json, auditActor(principal)), { status: 201 });
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET", "POST"]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
