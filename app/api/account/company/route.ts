// GET /api/account/company – the company's settings (contact emails for owners, saved addresses); PATCH – owners set contact emails
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { readJsonBody } from "@/lib/api/read-body";
import { getCompanySettings, updateCompanySettings } from "@/lib/account/company-settings";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi(async ({ principal }) => NextResponse.json(await getCompanySettings(principal)));

export const PATCH = withApi(
  async ({ req, principal }) => {
    const { json } = await readJsonBody(req);
    return NextResponse.json(await updateCompanySettings(principal, json));
  },
  { permission: "company:manage", sessionOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET", "PATCH"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
