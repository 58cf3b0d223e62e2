// POST /api/ops/pricing/changes/{id}/reject – the price stays; the same price is not proposed again (ops only)
import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/with-api";
import { reviewPriceChange } from "@/lib/pricing/review-price-change";

export const POST = withApi<{ id: string }>(
  async ({ params, principal }) => NextResponse.json(await reviewPriceChange(principal, params.id, "reject")),
  { staffOnly: true },
);
