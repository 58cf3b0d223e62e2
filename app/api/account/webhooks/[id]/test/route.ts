// POST /api/account/webhooks/{id}/test – send a webhook.test event to the endpoint (queued, signed, logged like any other)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { getEndpoint } from "@/lib/outbound/manage-endpoints";
import { queueTestEvent } from "@/lib/outbound/deliver-webhooks";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi<{ id: string }>(
  async ({ params, principal }) => {
    await getEndpoint(principal, params.id); // 404 for another company's
    return NextResponse.json({ messageId: (await queueTestEvent(params.id)).id, status: "queued" }, { status: 202 });
  },
  { permission: "webhooks:manage" },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
