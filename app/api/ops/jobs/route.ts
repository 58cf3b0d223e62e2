// GET /api/ops/jobs?queue=&state=failed|stalled|dead&cursor=&limit= – failed, stalled and given-up work of every queue (ops only)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { listFailedWork, listFailedWorkQuerySchema } from "@/lib/ops/failed-work/list-failed-work";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi(
  async ({ req }) => {
    const query = listFailedWorkQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    return NextResponse.json(await listFailedWork(query));
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
