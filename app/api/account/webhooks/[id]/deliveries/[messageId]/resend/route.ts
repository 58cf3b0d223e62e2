// POST /api/account/webhooks/{id}/deliveries/{messageId}/resend – send one delivery again (same body, same webhook-id)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { resendDelivery } from "@/lib/outbound/manage-endpoints";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi<{ id: string; messageId: string }>(
  async ({ params, principal }) => NextResponse.json(await resendDelivery(principal, params.id, params.messageId), { status: 202 }),
  { permission: "webhooks:manage" },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
