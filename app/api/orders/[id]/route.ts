// GET /api/orders/{id} – one order, with items, supplier orders and timeline
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { getOrder } from "@/lib/orders/get-order";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi<{ id: string }>(
  async ({ params, principal }) => {
    return NextResponse.json(await getOrder(principal, params.id));
  },
  { permission: "orders:read" },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
