// GET /api/ops/orders – every company's orders, with counts by status (ops only)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { countOrdersByStatus, listOrders } from "@/lib/orders/list-orders";
import { listOrdersQuerySchema } from "@/lib/orders/schemas";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi(
  async ({ req, principal }) => {
    const query = listOrdersQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    const [page, counts] = await Promise.all([listOrders(principal, query), countOrdersByStatus(principal, query)]);
    return NextResponse.json({ ...page, counts });
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
