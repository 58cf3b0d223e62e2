// GET /api/account/users – the company's users and pending invitations (owners)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { listCompanyUsers } from "@/lib/account/manage-users";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi(async ({ principal }) => NextResponse.json(await listCompanyUsers(principal)), { permission: "company:manage", sessionOnly: true });

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
