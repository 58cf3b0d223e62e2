// PATCH /api/account/addresses/{id} – owners edit a saved address (or make it the default); DELETE – remove it
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { readJsonBody } from "@/lib/api/read-body";
import { deleteCompanyAddress, updateCompanyAddress } from "@/lib/account/company-settings";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

const owners = { permission: "company:manage", sessionOnly: true } as const;

export const PATCH = withApi<{ id: string }>(async ({ req, params, principal }) => {
  const { json } = await readJsonBody(req);
  return NextResponse.json(await updateCompanyAddress(principal, params.id, json));
}, owners);

export const DELETE = withApi<{ id: string }>(async ({ params, principal }) => NextResponse.json(await deleteCompanyAddress(principal, params.id)), owners);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["PATCH", "DELETE"]);
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT };
