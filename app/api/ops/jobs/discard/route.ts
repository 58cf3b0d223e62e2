// POST /api/ops/jobs/discard – give up failed work by ids: the row is discarded, the job removed (ops only)
import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/read-body";
import { withApi } from "@/lib/api/with-api";
import { discardFailedWork, discardJobsBodySchema } from "@/lib/ops/failed-work/act-on-failed-work";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi(
  async ({ req, principal }) => {
    const { json } = await readJsonBody(req);
    return NextResponse.json(await discardFailedWork(principal, discardJobsBodySchema.parse(json)));
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
