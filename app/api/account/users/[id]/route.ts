// PATCH /api/account/users/{id} – change a user's role or (de)activate them; the last owner stays
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { readJsonBody } from "@/lib/api/read-body";
import { updateCompanyUser } from "@/lib/account/manage-users";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const PATCH = withApi<{ id: string }>(
  async ({ req, params, principal }) => {
    const { json } = await readJsonBody(req);
    return NextResponse.json(await updateCompanyUser(principal, params.id, json));
  },
  { permission: "company:manage", sessionOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["PATCH"]);
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
