// GET /api/products – the catalog as the caller may order from it
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { listProducts } from "@/lib/catalog/list-products";
import { listProductsQuerySchema } from "@/lib/orders/schemas";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi(
  async ({ req, principal }) => {
    const query = listProductsQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    // The caller's company tier decides the price shown (staff have none: base prices).
    return NextResponse.json(await listProducts(query, { companyId: principal.companyId }));
  },
  { permission: "catalog:read" },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
