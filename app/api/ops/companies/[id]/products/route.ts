// GET /api/ops/companies/{id}/products – the catalog as this company sees it (its tier's prices), for ops ordering on its behalf (ops only)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { listProductsForCompany } from "@/lib/account/ops-companies";
import { listProductsQuerySchema } from "@/lib/orders/schemas";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi<{ id: string }>(
  async ({ req, params, principal }) => {
    const query = listProductsQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    return NextResponse.json(await listProductsForCompany(principal, params.id, query));
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
