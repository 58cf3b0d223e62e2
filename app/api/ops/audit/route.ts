// GET /api/ops/audit – the audit log, newest first, filtered and keyset-paged (ops only)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { listAuditEntries } from "@/lib/audit/list-audit-entries";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi(async ({ req }) => NextResponse.json(await listAuditEntries(Object.fromEntries(new URL(req.url).searchParams))), {
  staffOnly: true,
});

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
