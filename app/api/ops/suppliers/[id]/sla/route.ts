// GET /api/ops/suppliers/{id}/sla – hours a supplier order may stay in each status there; PUT { slas: [{ status, hours | null }] } (ops only)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { readJsonBody } from "@/lib/api/read-body";
import { getSupplierSla, setSupplierSla } from "@/lib/ops/exceptions/supplier-sla";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi<{ id: string }>(async ({ params }) => NextResponse.json(await getSupplierSla(params.id)), { staffOnly: true });

export const PUT = withApi<{ id: string }>(
  async ({ req, params, principal }) => {
    const { json } = await readJsonBody(req);
    return NextResponse.json(await setSupplierSla(principal, params.id, json));
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET", "PUT"]);
export { notAllowed as POST, notAllowed as PATCH, notAllowed as DELETE };
