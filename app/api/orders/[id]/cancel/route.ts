// POST /api/orders/{id}/cancel – 202 while the supplier is asked; 409 not_cancelable once shipped
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { requestCancel } from "@/lib/orders/cancel-order";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi<{ id: string }>(
  async ({ params, principal }) => {
    return NextResponse.json(await requestCancel(principal, params.id), { status: 202 });
  },
  { permission: "orders:write" },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
