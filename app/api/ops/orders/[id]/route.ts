// GET /api/ops/orders/{id} – an order with its supplier calls, webhooks and emails (ops only)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { getOrderForOps } from "@/lib/orders/get-order-for-ops";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi<{ id: string }>(async ({ params, principal }) => NextResponse.json(await getOrderForOps(principal, params.id)), { staffOnly: true });

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
