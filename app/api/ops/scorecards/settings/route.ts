// GET /api/ops/scorecards/settings – score weights, targets and the routing mode; PUT – change them (ops)
import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/read-body";
import { withApi } from "@/lib/api/with-api";
import { auditActor } from "@/lib/audit/record-audit";
import { getScorecardSettings, updateScorecardSettings } from "@/lib/scorecards/scorecard-settings";
import { refreshSupplierScores } from "@/lib/scorecards/refresh-supplier-scores";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi(async () => NextResponse.json(await getScorecardSettings()), { staffOnly: true });

export const PUT = withApi(
  async ({ req, principal }) => {
    const { json } = await readJsonBody(req, 16 * 1024);
    const settings = await updateScorecardSettings(json, auditActor(principal));
    // New weights or window: the scores routing reads follow at once, not at the next tick.
    await refreshSupplierScores();
    return NextResponse.json(settings);
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET", "PUT"]);
export { notAllowed as POST, notAllowed as PATCH, notAllowed as DELETE };
