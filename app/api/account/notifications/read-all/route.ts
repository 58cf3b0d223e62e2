// POST /api/account/notifications/read-all – mark every one of your notifications read
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { markAllRead } from "@/lib/notifications/inbox";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi(async ({ principal }) => NextResponse.json(await markAllRead(principal.userId)), { sessionOnly: true });

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
