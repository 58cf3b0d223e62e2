// GET /api/ops/orders/{id} – an order with its supplier calls, webhooks and emails (ops only)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { getOrderForOps } from "@/lib/orders/get-order-for-ops";

export const GET = withApi<{ id: string }>(
  async ({ params, principal }) => NextResponse.json(await getOrderForOps(principal, params.id)),
  { staffOnly: true },
);
