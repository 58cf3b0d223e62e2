// GET /api/ops/suppliers/{id}/scorecard?window=24h|7d|30d (or from=&to=) – one supplier's scorecard (ops)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { getSupplierScorecard } from "@/lib/scorecards/get-scorecards";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi<{ id: string }>(async ({ req, params }) => NextResponse.json(await getSupplierScorecard(params.id, new URL(req.url).searchParams)), {
  staffOnly: true,
});

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
