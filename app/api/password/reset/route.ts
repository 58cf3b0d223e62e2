// POST /api/password/reset – set a new password with a reset link's token (every session of the user ends)
import { NextResponse } from "next/server";
import { withPublicApi } from "@/lib/api/with-api";
import { readJsonBody } from "@/lib/api/read-body";
import { resetPassword } from "@/lib/account/passwords";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withPublicApi(
  async ({ req }) => {
    const { json } = await readJsonBody(req);
    return NextResponse.json(await resetPassword(json));
  },
  { bucket: "reset", perMinute: 20 },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
