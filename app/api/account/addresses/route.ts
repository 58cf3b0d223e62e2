// GET /api/account/addresses – the company's saved shipping addresses (who may order); POST – owners add one
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { readJsonBody } from "@/lib/api/read-body";
import { createCompanyAddress, listCompanyAddresses } from "@/lib/account/company-settings";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi(async ({ principal }) => NextResponse.json({ data: await listCompanyAddresses(principal) }));

export const POST = withApi(
  async ({ req, principal }) => {
    const { json } = await readJsonBody(req);
    return NextResponse.json(await createCompanyAddress(principal, json), { status: 201 });
  },
  { permission: "company:manage", sessionOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET", "POST"]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
