// GET /api/account – who is calling: user (or key), company, role and what they may do
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { describeAccount } from "@/lib/account/describe-account";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi(async ({ principal }) => NextResponse.json(await describeAccount(principal)));

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
