// POST /api/ops/exceptions/{id}/{retry|reroute|cancel|resolve} { note? } – act on an open exception (ops only)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { readOptionalJsonBody } from "@/lib/api/read-body";
import { AppError } from "@/lib/errors";
import { actOnException } from "@/lib/ops/exceptions/act-on-exception";
import { EXCEPTION_ACTIONS, type ExceptionAction } from "@/lib/ops/exceptions/kinds";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi<{ id: string; action: string }>(
  async ({ req, params, principal }) => {
    if (!(EXCEPTION_ACTIONS as readonly string[]).includes(params.action)) throw new AppError("not_found", `No action ${params.action}`);
    const json = await readOptionalJsonBody(req);
    return NextResponse.json(await actOnException(principal, params.id, params.action as ExceptionAction, json));
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
