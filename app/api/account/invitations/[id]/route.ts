// DELETE /api/account/invitations/{id} – withdraw a pending invitation (its link stops working)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { revokeInvite } from "@/lib/account/invite-user";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const DELETE = withApi<{ id: string }>(async ({ params, principal }) => NextResponse.json(await revokeInvite(principal, params.id)), {
  permission: "company:manage",
  sessionOnly: true,
});

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["DELETE"]);
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as PATCH };
