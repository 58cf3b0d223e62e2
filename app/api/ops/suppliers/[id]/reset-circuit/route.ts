// POST /api/ops/suppliers/{id}/reset-circuit – close the supplier's circuit breaker now (ops)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { auditActor } from "@/lib/audit/record-audit";
import { resetCircuit } from "@/lib/suppliers/admin/reset-circuit";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

// Ops, not only admins: deciding a supplier is back is an operational call, not a setting.
export const POST = withApi<{ id: string }>(async ({ params, principal }) => NextResponse.json(await resetCircuit(params.id, auditActor(principal))), {
  staffOnly: true,
});

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
