// POST /api/webhooks/{supplier} – signed supplier events: /api/webhooks/phonex
// (docs/api.md (PhoneX webhooks)), /api/webhooks/cj (the contract), and any supplier added in the admin
import { NextResponse } from "next/server";
import { errorResponse, withRequest } from "@/lib/api/with-api";
import { receiveWebhook } from "@/lib/webhooks/receive-webhook";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withRequest("/api/webhooks/{supplier}", async (req: Request, ctx: { params: Promise<{ supplier: string }> }) => {
  try {
    const { supplier } = await ctx.params;
    if (!/^[a-z0-9-]{1,40}$/.test(supplier)) return NextResponse.json({ error: { code: "not_found", message: "Unknown supplier" } }, { status: 404 });
    const a = await receiveWebhook(supplier, req);
    return NextResponse.json(a.body, { status: a.status });
  } catch (err) {
    return errorResponse(err);
  }
});

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
