// POST /api/ops/orders/{id}/retry – forward a failed order again (ops only)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { retryOrder } from "@/lib/orders/retry-order";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi<{ id: string }>(
  async ({ params, principal }) => {
    const order = await retryOrder(principal, params.id);
    return NextResponse.json({ id: order.id, status: order.status }, { status: 202 });
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
