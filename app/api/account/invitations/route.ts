// POST /api/account/invitations – invite someone into the company with a role (emailed, single-use link)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { readJsonBody } from "@/lib/api/read-body";
import { inviteUser } from "@/lib/account/invite-user";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi(
  async ({ req, principal }) => {
    const { json } = await readJsonBody(req);
    return NextResponse.json(await inviteUser(principal, json), { status: 201 });
  },
  { permission: "company:manage", sessionOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
