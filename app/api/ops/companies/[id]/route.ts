// GET /api/ops/companies/{id} – a company with its users; PATCH – name, pricing tier, contact emails (ops, admin)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { readJsonBody } from "@/lib/api/read-body";
import { getCompanyForOps, updateCompanyForOps } from "@/lib/account/ops-companies";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi<{ id: string }>(async ({ params, principal }) => NextResponse.json(await getCompanyForOps(principal, params.id)), {
  staffOnly: true,
});

export const PATCH = withApi<{ id: string }>(
  async ({ req, params, principal }) => {
    const { json } = await readJsonBody(req);
    return NextResponse.json(await updateCompanyForOps(principal, params.id, json));
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET", "PATCH"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
