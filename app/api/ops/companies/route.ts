// GET /api/ops/companies?q= – every reseller company with its tier and counts (ops, admin)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { listCompaniesForOps } from "@/lib/account/ops-companies";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi(
  async ({ req, principal }) => NextResponse.json(await listCompaniesForOps(principal, Object.fromEntries(new URL(req.url).searchParams))),
  {
    staffOnly: true,
  },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
