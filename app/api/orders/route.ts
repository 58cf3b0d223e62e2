// POST /api/orders – place an order; GET /api/orders – the caller's orders
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { readJsonBody } from "@/lib/api/read-body";
import { AppError } from "@/lib/errors";
import { placeOrder } from "@/lib/orders/place-order";
import { listOrders } from "@/lib/orders/list-orders";
import { idempotencyKeySchema, listOrdersQuerySchema, placeOrderSchema } from "@/lib/orders/schemas";
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
  const { json } = await readJsonBody(req);
  const input = placeOrderSchema.parse(json);
  const result = await placeOrder(principal, input, {
    idempotencyKey,
    rawBody: json,
    source: principal.kind === "api_key" ? "api" : "web",
  });
  return NextResponse.json(result.body, {
    status: result.status,
    headers: result.replayed ? { "Idempotent-Replayed": "true" } : {},
  });
});

export const GET = withApi(async ({ req, principal }) => {
  const query = listOrdersQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return NextResponse.json(await listOrders(principal, query));
});

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET", "POST"]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
