// POST /api/account/webhooks/{id}/rotate-secret – a new secret; the old one keeps signing for overlapSeconds
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { readOptionalJsonBody } from "@/lib/api/read-body";
import { rotateSecret } from "@/lib/outbound/manage-endpoints";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi<{ id: string }>(
  async ({ req, params, principal }) =>
    NextResponse.json(await rotateSecret(principal, params.id, await readOptionalJsonBody(req)), { headers: { "Cache-Control": "no-store" } }),
  { permission: "webhooks:manage" },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
