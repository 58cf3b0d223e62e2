// GET /api/ops/exceptions – what needs a human: the open queue (oldest first) or what was resolved (ops only)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { listExceptions, listExceptionsQuerySchema } from "@/lib/ops/exceptions/list-exceptions";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi(
  async ({ req }) => NextResponse.json(await listExceptions(listExceptionsQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams)))),
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
