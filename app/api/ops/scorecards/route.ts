// GET /api/ops/scorecards?window=24h|7d|30d (or from=&to=) – every supplier's scorecard, best score first (ops)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { listScorecards } from "@/lib/scorecards/get-scorecards";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi(async ({ req }) => NextResponse.json(await listScorecards(new URL(req.url).searchParams)), { staffOnly: true });

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
