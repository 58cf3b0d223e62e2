// POST /api/ops/companies/{id}/orders – ops place an order on behalf of the company (the body and Idempotency-Key of POST /api/orders; ops only)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { idempotencyKeyFrom } from "@/lib/api/idempotency-key-header";
import { readJsonBody } from "@/lib/api/read-body";
import { placeOrderOnBehalf } from "@/lib/orders/place-order-on-behalf";
import { placeOrderSchema } from "@/lib/orders/schemas";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi<{ id: string }>(
  async ({ req, params, principal }) => {
    const idempotencyKey = idempotencyKeyFrom(req, principal);
    const { json } = await readJsonBody(req);
    const input = placeOrderSchema.parse(json);
    const result = await placeOrderOnBehalf(principal, params.id, input, { idempotencyKey, rawBody: json });
    return NextResponse.json(result.body, {
      status: result.status,
      headers: result.replayed ? { "Idempotent-Replayed": "true" } : {},
    });
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
