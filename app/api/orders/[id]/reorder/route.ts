// GET /api/orders/{id}/reorder – "Order again": the order's lines with the price then and now, the quantity then and what is available now, and whether each is still sold
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";
import { reorderOrder } from "@/lib/orders/reorder-order";

export const GET = withApi<{ id: string }>(async ({ params, principal }) => NextResponse.json(await reorderOrder(principal, params.id)), {
  permission: "orders:read",
});

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
