// GET /api/account/webhooks/{id}/deliveries – the delivery log: each event and every attempt
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { listDeliveries } from "@/lib/outbound/manage-endpoints";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi<{ id: string }>(async ({ params, principal }) => NextResponse.json(await listDeliveries(principal, params.id)), {
  permission: "webhooks:manage",
});

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
