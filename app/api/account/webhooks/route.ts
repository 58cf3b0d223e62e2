// GET /api/account/webhooks – the company's webhook endpoints; POST – add one (its signing secret in the answer)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { readJsonBody } from "@/lib/api/read-body";
import { createEndpoint, listEndpoints } from "@/lib/outbound/manage-endpoints";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

const manage = { permission: "webhooks:manage" } as const;

export const GET = withApi(async ({ principal }) => NextResponse.json(await listEndpoints(principal)), manage);

export const POST = withApi(async ({ req, principal }) => {
  const { json } = await readJsonBody(req);
  return NextResponse.json(await createEndpoint(principal, json), { status: 201, headers: { "Cache-Control": "no-store" } });
}, manage);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET", "POST"]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
