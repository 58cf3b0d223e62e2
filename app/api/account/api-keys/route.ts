// GET /api/account/api-keys – the company's keys (never the key itself); POST – create one (shown once)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { readJsonBody } from "@/lib/api/read-body";
import { createCompanyApiKey, listApiKeys } from "@/lib/account/manage-api-keys";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

const owners = { permission: "company:manage", sessionOnly: true } as const;

export const GET = withApi(async ({ principal }) => NextResponse.json(await listApiKeys(principal)), owners);

export const POST = withApi(async ({ req, principal }) => {
  const { json } = await readJsonBody(req);
  return NextResponse.json(await createCompanyApiKey(principal, json), { status: 201, headers: { "Cache-Control": "no-store" } });
}, owners);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET", "POST"]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
