// POST /api/invitations/accept – the invitee sets name and password; the link is spent
import { NextResponse } from "next/server";
import { withPublicApi } from "@/lib/api/with-api";
import { readJsonBody } from "@/lib/api/read-body";
import { acceptInvite } from "@/lib/account/accept-invite";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withPublicApi(
  async ({ req }) => {
    const { json } = await readJsonBody(req);
    const user = await acceptInvite(json);
    return NextResponse.json({ user: { id: user.id, email: user.email, name: user.name, role: user.companyRole } }, { status: 201 });
  },
  { bucket: "accept", perMinute: 20 },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
