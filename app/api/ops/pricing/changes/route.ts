// GET /api/ops/pricing/changes?status=pending – price changes over the tolerance, for approval (ops only)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { listPriceChanges } from "@/lib/pricing/list-price-changes";
import { listPriceChangesQuerySchema } from "@/lib/pricing/schemas";
import { methodNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApi(
  async ({ req }) => {
    const query = listPriceChangesQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    return NextResponse.json(await listPriceChanges(query));
  },
  { staffOnly: true },
);

// Every other method: the JSON error shape with 405 and Allow.
const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
