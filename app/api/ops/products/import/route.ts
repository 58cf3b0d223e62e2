// POST /api/ops/products/import – add CJ products by id, SKU or URL; answers what was added, updated, skipped, refused (ops only)
import { NextResponse } from "next/server";
import { readJsonBody } from "@/lib/api/read-body";
import { withApi } from "@/lib/api/with-api";
import { importCjProducts } from "@/lib/catalog/import-cj-products";
import { importCjProductsSchema } from "@/lib/catalog/import-schemas";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const POST = withApi(
  async ({ req }) => {
    const { json } = await readJsonBody(req);
    return NextResponse.json(await importCjProducts(importCjProductsSchema.parse(json)));
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
