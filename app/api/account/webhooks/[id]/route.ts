// GET /api/account/webhooks/{id} – one endpoint; PATCH – URL, events, description, enabled; DELETE – remove it
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { readJsonBody } from "@/lib/api/read-body";
import { deleteEndpoint, getEndpoint, updateEndpoint } from "@/lib/outbound/manage-endpoints";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

const manage = { permission: "webhooks:manage" } as const;

export const GET = withApi<{ id: string }>(async ({ params, principal }) => NextResponse.json(await getEndpoint(principal, params.id)), manage);

export const PATCH = withApi<{ id: string }>(async ({ req, params, principal }) => {
  const { json } = await readJsonBody(req);
  return NextResponse.json(await updateEndpoint(principal, params.id, json));
}, manage);

export const DELETE = withApi<{ id: string }>(async ({ params, principal }) => NextResponse.json(await deleteEndpoint(principal, params.id)), manage);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET", "PATCH", "DELETE"]);
export { notAllowed as POST, notAllowed as PUT };
