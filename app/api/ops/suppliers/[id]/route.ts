// GET /api/ops/suppliers/{id} – one supplier (id or slug), no secrets (ops);
// PATCH /api/ops/suppliers/{id} – change settings, write-only credentials, rotate the webhook secret (admin)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { auditActor } from "@/lib/audit/record-audit";
import { readJsonBody } from "@/lib/api/read-body";
import { assertAdmin } from "@/lib/suppliers/admin/assert-admin";
import { getSupplier } from "@/lib/suppliers/admin/get-supplier";
import { updateSupplierSchema } from "@/lib/suppliers/admin/schemas";
import { updateSupplier } from "@/lib/suppliers/admin/update-supplier";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi<{ id: string }>(async ({ params }) => NextResponse.json(await getSupplier(params.id)), { staffOnly: true });

export const PATCH = withApi<{ id: string }>(
  async ({ req, params, principal }) => {
    assertAdmin(principal);
    const patch = updateSupplierSchema.parse((await readJsonBody(req, 32 * 1024)).json);
    return NextResponse.json(await updateSupplier(params.id, patch, auditActor(principal)));
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET", "PATCH"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
