// POST /api/offers – make an offer on catalog lines; GET /api/offers – the caller's offers (staff: all)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { idempotencyKeyFrom } from "@/lib/api/idempotency-key-header";
import { readJsonBody } from "@/lib/api/read-body";
import { makeOffer } from "@/lib/offers/make-offer";
import { listOffers } from "@/lib/offers/list-offers";
import { listOffersQuerySchema, makeOfferSchema } from "@/lib/offers/schemas";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi(
  async ({ req, principal }) => {
    const idempotencyKey = idempotencyKeyFrom(req, principal);
    const { json } = await readJsonBody(req);
    const result = await makeOffer(principal, makeOfferSchema.parse(json), { idempotencyKey, rawBody: json });
    return NextResponse.json(result.body, { status: result.status, headers: result.replayed ? { "Idempotent-Replayed": "true" } : {} });
  },
  { permission: "orders:write" },
);

export const GET = withApi(
  async ({ req, principal }) => NextResponse.json(await listOffers(principal, listOffersQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams)))),
  { permission: "orders:read" },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET", "POST"]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
