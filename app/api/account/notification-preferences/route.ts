// GET /api/account/notification-preferences – your channels per event type; PUT – change some of them
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { readJsonBody } from "@/lib/api/read-body";
import { getPreferences, setPreferences } from "@/lib/notifications/preferences";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

const me = (p: { userId: string; role: string; companyRole?: string | null }) => ({ id: p.userId, role: p.role, companyRole: p.companyRole ?? null });

export const GET = withApi(async ({ principal }) => NextResponse.json(await getPreferences(me(principal))), { sessionOnly: true });

export const PUT = withApi(
  async ({ req, principal }) => {
    const { json } = await readJsonBody(req);
    return NextResponse.json(await setPreferences(me(principal), json));
  },
  { sessionOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET", "PUT"]);
export { notAllowed as POST, notAllowed as PATCH, notAllowed as DELETE };
