// POST /api/ops/suppliers/{id}/test – call the supplier with its stored settings: { ok, ms, detail } (ops)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { testConnection } from "@/lib/suppliers/admin/test-connection";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

// Ops may test (it changes no setting); the supplier's own rate limit still applies to the call.
export const POST = withApi<{ id: string }>(async ({ params }) => NextResponse.json(await testConnection(params.id)), { staffOnly: true });

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
