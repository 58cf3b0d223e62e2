// PATCH /api/ops/companies/{id}/users/{userId} – ops change a company user's role or (de)activate them (the last owner stays)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { readJsonBody } from "@/lib/api/read-body";
import { updateCompanyUserForOps } from "@/lib/account/ops-companies";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const PATCH = withApi<{ id: string; userId: string }>(
  async ({ req, params, principal }) => {
    const { json } = await readJsonBody(req);
    return NextResponse.json(await updateCompanyUserForOps(principal, params.id, params.userId, json));
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["PATCH"]);
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
