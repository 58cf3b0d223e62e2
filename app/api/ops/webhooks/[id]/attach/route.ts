// POST /api/ops/webhooks/{id}/attach – link a flagged webhook event to an order and apply it (ops only)
import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/read-body";
import { withApi } from "@/lib/api/with-api";
import { attachBodySchema, attachWebhookEvent } from "@/lib/webhooks/attach-webhook-event";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi<{ id: string }>(
  async ({ req, params, principal }) => {
    const { json } = await readJsonBody(req);
    return NextResponse.json(await attachWebhookEvent(principal, params.id, attachBodySchema.parse(json)), { status: 202 });
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
