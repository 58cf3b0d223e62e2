// GET /api/ops/suppliers – every supplier with its circuit and last call, no secrets (ops);
// POST /api/ops/suppliers – add a supplier of a known kind (admin)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { auditActor } from "@/lib/audit/record-audit";
import { readJsonBody } from "@/lib/api/read-body";
import { assertAdmin } from "@/lib/suppliers/admin/assert-admin";
import { createSupplier } from "@/lib/suppliers/admin/create-supplier";
import { listSuppliers } from "@/lib/suppliers/admin/list-suppliers";
import { createSupplierSchema } from "@/lib/suppliers/admin/schemas";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi(async () => NextResponse.json({ data: await listSuppliers() }), { staffOnly: true });

export const POST = withApi(
  async ({ req, principal }) => {
    assertAdmin(principal);
    const input = createSupplierSchema.parse((await readJsonBody(req, 32 * 1024)).json);
    return NextResponse.json(await createSupplier(input, auditActor(principal)), { status: 201 });
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET", "POST"]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
