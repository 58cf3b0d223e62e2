// POST /api/orders/batch – place up to 500 orders in one request, each answered on its own
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { idempotencyKeyFrom } from "@/lib/api/idempotency-key-header";
import { readJsonBody } from "@/lib/api/read-body";
import { placeOrderBatch } from "@/lib/orders/place-order-batch";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi(
  async ({ req, principal }) => {
    const idempotencyKey = idempotencyKeyFrom(req, principal);
    // 500 orders with their addresses need more than the single-order limit.
    const { json } = await readJsonBody(req, 4 * 1024 * 1024);
    const result = await placeOrderBatch(principal, json, { idempotencyKey, source: principal.kind === "api_key" ? "api" : "web" });
    return NextResponse.json(result.body, { status: result.status, headers: result.replayed ? { "Idempotent-Replayed": "true" } : {} });
  },
  { permission: "orders:write" },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
