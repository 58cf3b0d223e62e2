// POST /api/ops/webhooks/replay – replay the events the log's filters select, at most 500 (ops only)
import { NextResponse } from "next/server";
import { readOptionalJsonBody } from "@/lib/api/read-body";
import { withApi } from "@/lib/api/with-api";
import { replayManyBodySchema, replayWebhookEvents } from "@/lib/webhooks/replay-webhook-events";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi(
  async ({ req, principal }) => {
    const body = replayManyBodySchema.parse(await readOptionalJsonBody(req));
    return NextResponse.json(await replayWebhookEvents(principal, body), { status: 202 });
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
