// POST /api/offers/{id}/counter – new terms for some lines (ops on an open offer, the buyer on a counter)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { optionalIdempotencyKeyFrom } from "@/lib/api/idempotency-key-header";
import { readOptionalJsonBody } from "@/lib/api/read-body";
import { actOnOffer } from "@/lib/offers/act-on-offer";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi<{ id: string }>(async ({ req, params, principal }) => {
  const json = await readOptionalJsonBody(req);
  const result = await actOnOffer(principal, params.id, "counter", json, { idempotencyKey: optionalIdempotencyKeyFrom(req) });
  return NextResponse.json(result.body, { headers: result.replayed ? { "Idempotent-Replayed": "true" } : {} });
});

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
