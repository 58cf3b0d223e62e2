// POST /api/ops/webhooks/{id}/replay – run one webhook event through processing again (idempotent; ops only)
import { NextResponse } from "next/server";
import { readOptionalJsonBody } from "@/lib/api/read-body";
import { withApi } from "@/lib/api/with-api";
import { replayOneBodySchema, replayWebhookEvent } from "@/lib/webhooks/replay-webhook-events";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi<{ id: string }>(
  async ({ req, params, principal }) => {
    const body = replayOneBodySchema.parse(await readOptionalJsonBody(req));
    return NextResponse.json(await replayWebhookEvent(principal, params.id, body), { status: 202 });
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
