// POST /api/orders/batch – place up to 500 orders in one request, each answered on its own
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { readJsonBody } from "@/lib/api/read-body";
import { AppError } from "@/lib/errors";
import { placeOrderBatch } from "@/lib/orders/place-order-batch";
import { idempotencyKeySchema } from "@/lib/orders/schemas";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi(async ({ req, principal }) => {
  const rawKey = req.headers.get("idempotency-key");
  let idempotencyKey: string | undefined;
  if (rawKey !== null) {
    const k = idempotencyKeySchema.safeParse(rawKey);
    if (!k.success)
      throw new AppError("validation_failed", "Idempotency-Key must be 1-255 characters", { fields: { "Idempotency-Key": "Must be 1-255 characters" } });
    idempotencyKey = k.data;
  } else if (principal.kind === "api_key") {
    throw new AppError("validation_failed", "Idempotency-Key header is required for API-key calls", { fields: { "Idempotency-Key": "Required" } });
  }
  // 500 orders with their addresses need more than the single-order limit.
  const { json } = await readJsonBody(req, 4 * 1024 * 1024);
  const result = await placeOrderBatch(principal, json, { idempotencyKey, source: principal.kind === "api_key" ? "api" : "web" });
  return NextResponse.json(result.body, { status: result.status, headers: result.replayed ? { "Idempotent-Replayed": "true" } : {} });
});

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
