// DELETE /api/account/api-keys/{id} – revoke a key (refused everywhere within a second)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { revokeApiKey } from "@/lib/account/manage-api-keys";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const DELETE = withApi<{ id: string }>(async ({ params, principal }) => NextResponse.json(await revokeApiKey(principal, params.id)), {
  permission: "company:manage",
  sessionOnly: true,
});

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["DELETE"]);
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as PATCH };
