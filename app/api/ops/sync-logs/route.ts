// GET /api/ops/sync-logs – supplier sync runs, newest first, and the suppliers to sync (ops only)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { listSyncLogs } from "@/lib/catalog/sync/list-sync-logs";

export const GET = withApi(
  async ({ req }) => NextResponse.json(await listSyncLogs(Object.fromEntries(new URL(req.url).searchParams))),
  { staffOnly: true },
);
