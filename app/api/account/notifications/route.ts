// GET /api/account/notifications – your in-app notifications, newest first, with the unread count
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { listInbox, listInboxQuerySchema } from "@/lib/notifications/inbox";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi(
  async ({ req, principal }) => {
    const query = listInboxQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    return NextResponse.json(await listInbox(principal.userId, query));
  },
  { sessionOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
