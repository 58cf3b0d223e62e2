// POST /api/ops/suppliers/{id}/sync – run a supplier's stock or catalog sync now: { kind } → 202 (ops only)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { readJsonBody } from "@/lib/api/read-body";
import { requestSupplierSync } from "@/lib/catalog/sync/request-supplier-sync";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi<{ id: string }>(
  async ({ req, params }) => {
    const { json } = await readJsonBody(req, 4096);
    return NextResponse.json(await requestSupplierSync(params.id, json), { status: 202 });
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
