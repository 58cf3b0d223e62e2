// GET /api/ops/webhooks?supplier=&outcome=&orderId=&from=&to=&verified=&cursor=&limit= – the inbound webhook log, newest first (ops only)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { listWebhookEvents, listWebhookEventsQuerySchema } from "@/lib/webhooks/list-webhook-events";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi(
  async ({ req }) => {
    const query = listWebhookEventsQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    return NextResponse.json(await listWebhookEvents(query));
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
