// POST /api/orders/{id}/cancel – 202 while the supplier is asked; 409 not_cancelable once shipped
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { requestCancel } from "@/lib/orders/cancel-order";

export const POST = withApi<{ id: string }>(async ({ params, principal }) => {
  return NextResponse.json(await requestCancel(principal, params.id), { status: 202 });
});
