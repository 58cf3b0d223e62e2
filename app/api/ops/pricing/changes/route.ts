// GET /api/ops/pricing/changes?status=pending – price changes over the tolerance, for approval (ops only)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { listPriceChanges } from "@/lib/pricing/list-price-changes";
import { listPriceChangesQuerySchema } from "@/lib/pricing/schemas";

export const GET = withApi(
  async ({ req }) => {
    const query = listPriceChangesQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    return NextResponse.json(await listPriceChanges(query));
  },
  { staffOnly: true },
);
