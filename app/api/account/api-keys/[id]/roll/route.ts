// POST /api/account/api-keys/{id}/roll – a new key; the old one keeps working for graceSeconds
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { readOptionalJsonBody } from "@/lib/api/read-body";
import { rollApiKey } from "@/lib/account/manage-api-keys";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi<{ id: string }>(
  async ({ req, params, principal }) => {
    const json = await readOptionalJsonBody(req);
    return NextResponse.json(await rollApiKey(principal, params.id, json), { status: 201, headers: { "Cache-Control": "no-store" } });
  },
  { permission: "company:manage", sessionOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
