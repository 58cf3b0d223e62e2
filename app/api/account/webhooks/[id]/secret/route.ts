// GET /api/account/webhooks/{id}/secret – the signing secret (and the previous one during a rotation's overlap)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { revealSecret } from "@/lib/outbound/manage-endpoints";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi<{ id: string }>(
  async ({ params, principal }) => NextResponse.json(await revealSecret(principal, params.id), { headers: { "Cache-Control": "no-store" } }),
  { permission: "webhooks:manage" },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
