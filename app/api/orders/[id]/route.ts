// GET /api/orders/{id} – one order, with items, supplier orders and timeline
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { getOrder } from "@/lib/orders/get-order";

export const GET = withApi<{ id: string }>(async ({ params, principal }) => {
  return NextResponse.json(await getOrder(principal, params.id));
});
