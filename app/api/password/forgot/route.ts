// POST /api/password/forgot – email a reset link if the address has an account (the answer never says)
import { NextResponse } from "next/server";
import { withPublicApi } from "@/lib/api/with-api";
import { readJsonBody } from "@/lib/api/read-body";
import { requestPasswordReset } from "@/lib/account/passwords";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withPublicApi(
  async ({ req }) => {
    const { json } = await readJsonBody(req);
    await requestPasswordReset(json);
    return NextResponse.json({ accepted: true, message: "If this address has an account, a reset link is on its way." }, { status: 202 });
  },
  { bucket: "forgot", perMinute: 10 },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
