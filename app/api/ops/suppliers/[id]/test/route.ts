// POST /api/ops/suppliers/{id}/test – call the supplier with its stored settings: { ok, ms, detail } (ops)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { testConnection } from "@/lib/suppliers/admin/test-connection";

// Ops may test (it changes no setting); the supplier's own rate limit still applies to the call.
export const POST = withApi<{ id: string }>(async ({ params }) => NextResponse.json(await testConnection(params.id)), { staffOnly: true });
