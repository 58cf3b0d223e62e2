// GET /api/ops/webhooks/{id} – one inbound webhook: headers, raw body (verified ones), outcome history (ops only)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { getWebhookEvent } from "@/lib/webhooks/list-webhook-events";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi<{ id: string }>(async ({ params }) => NextResponse.json(await getWebhookEvent(params.id)), { staffOnly: true });

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
