// POST /api/orders – place an order; GET /api/orders – the caller's orders
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { idempotencyKeyFrom } from "@/lib/api/idempotency-key-header";
import { readJsonBody } from "@/lib/api/read-body";
import { placeOrder } from "@/lib/orders/place-order";
import { listOrders } from "@/lib/orders/list-orders";
import { listOrdersQuerySchema, placeOrderSchema } from "@/lib/orders/schemas";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi(
  async ({ req, principal }) => {
    const idempotencyKey = idempotencyKeyFrom(req, principal);
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
  },
  { permission: "orders:write" },
);

export const GET = withApi(
  async ({ req, principal }) => {
    const query = listOrdersQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    return NextResponse.json(await listOrders(principal, query));
  },
  { permission: "orders:read" },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET", "POST"]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
