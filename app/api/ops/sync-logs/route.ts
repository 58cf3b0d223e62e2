// GET /api/ops/sync-logs – supplier sync runs, newest first, and the suppliers to sync (ops only)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { listSyncLogs } from "@/lib/catalog/sync/list-sync-logs";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi(async ({ req }) => NextResponse.json(await listSyncLogs(Object.fromEntries(new URL(req.url).searchParams))), { staffOnly: true });

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
