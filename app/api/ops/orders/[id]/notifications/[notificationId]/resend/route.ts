// POST /api/ops/orders/{id}/notifications/{notificationId}/resend – send one of the order's emails again (ops only)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { resendNotification } from "@/lib/notifications/resend-notification";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi<{ id: string; notificationId: string }>(
  async ({ params, principal }) => NextResponse.json(await resendNotification(principal, params.id, params.notificationId), { status: 202 }),
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
